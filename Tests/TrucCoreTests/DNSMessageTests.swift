import Testing
@testable import TrucCore

@Suite("DNS wire format")
struct DNSMessageTests {
    @Test("query encodes header, question and class IN")
    func queryBytes() {
        let bytes = DNSMessage.query(id: 0x1234, name: "Example.org.", type: .mx)
        let expected: [UInt8] = [
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            7, 0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 3, 0x6f, 0x72, 0x67, 0,
            0x00, 0x0f, 0x00, 0x01,
        ]
        #expect(bytes == expected)
        let noRD = DNSMessage.query(id: 1, name: "a.b", type: .a, recursionDesired: false)
        #expect(noRD[2] == 0 && noRD[3] == 0)
        #expect(DNSMessage.query(id: 7, name: "example.org", type: .txt) == DNSMessage.query(id: 7, name: "example.org.", type: .txt))
    }

    @Test("name validation")
    func nameValidation() throws {
        try DNSMessage.validate(name: "_dmarc.example.org.")
        try DNSMessage.validate(name: ".")
        #expect(throws: DNSError.self) { try DNSMessage.validate(name: "a..b") }
        #expect(throws: DNSError.self) { try DNSMessage.validate(name: String(repeating: "x", count: 64) + ".vn") }
        #expect(throws: DNSError.self) { try DNSMessage.validate(name: "bộ.vn") }
        #expect(throws: DNSError.self) { try DNSMessage.validate(name: "a b.vn") }
        let long = Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".")
        #expect(throws: DNSError.self) { try DNSMessage.validate(name: long) }
        // The lenient encoder still produces a message that parses.
        let bytes = DNSMessage.query(id: 9, name: long + "..x", type: .a)
        #expect(try DNSMessage.parseQuestion(bytes).typeCode == 1)
    }

    @Test("round trip through the response builder for every type")
    func roundTrip() throws {
        let query = DNSMessage.query(id: 0xBEEF, name: "Mail.Example.ORG", type: .a)
        let longText = String(repeating: "v=spf1 include:_spf.example.org ", count: 12)
        let records = [
            DNSRecord(name: "mail.example.org", type: .a, ttl: 300, value: "192.0.2.10"),
            DNSRecord(name: "mail.example.org", type: .aaaa, ttl: 300, value: "2001:DB8:0:0:0:0:0:1"),
            DNSRecord(name: "mail.example.org", type: .cname, ttl: 60, value: "Host.Example.org."),
            DNSRecord(name: "example.org", type: .ns, ttl: 60, value: "ns1.example.org"),
            DNSRecord(name: "example.org", type: .mx, ttl: 60, value: "10 mx.example.org"),
            DNSRecord(name: "example.org", type: .mx, ttl: 60, value: "0 ."),
            DNSRecord(name: "example.org", type: .txt, ttl: 60, value: longText),
            DNSRecord(name: "example.org", type: .txt, ttl: 60, value: "Trực ATTT ✓"),
        ]
        let response = try DNSMessage.response(to: query, answers: records)
        let parsed = try DNSMessage.parseResponse(response, expectedID: 0xBEEF)
        #expect(parsed.rcode == 0)
        #expect(!parsed.truncated)
        #expect(parsed.questions == [DNSQuestion(name: "mail.example.org", typeCode: 1)])
        #expect(parsed.answers.map(\.value) == [
            "192.0.2.10", "2001:db8::1", "host.example.org", "ns1.example.org",
            "10 mx.example.org", "0 .", longText, "Trực ATTT ✓",
        ])
        #expect(parsed.answers.map(\.ttl) == [300, 300, 60, 60, 60, 60, 60, 60])
        #expect(parsed.answers.allSatisfy { $0.name == "mail.example.org" || $0.name == "example.org" })
        // Header flags: QR, AA, RD (copied), RA.
        #expect(response[2] & 0x80 != 0 && response[2] & 0x04 != 0 && response[2] & 0x01 != 0 && response[3] & 0x80 != 0)
    }

    @Test("rcode is reported and described by name")
    func rcode() throws {
        let query = DNSMessage.query(id: 5, name: "nope.example", type: .a)
        let parsed = try DNSMessage.parseResponse(try DNSMessage.response(to: query, answers: [], rcode: 3), expectedID: 5)
        #expect(parsed.rcode == 3)
        #expect(parsed.answers.isEmpty)
        #expect(DNSError.serverFailure(rcode: 3).description.contains("NXDOMAIN"))
        #expect(DNSError.serverFailure(rcode: 3).description.contains("name does not exist"))
        #expect(DNSError.serverFailure(rcode: 2).description.contains("SERVFAIL"))
        #expect(DNSError.serverFailure(rcode: 3).isNameNotFound)
        #expect(!DNSError.serverFailure(rcode: 2).isNameNotFound)
    }

    /// A hand-written response using compression pointers in owner names and in RDATA.
    static let compressed: [UInt8] = {
        var m: [UInt8] = [0xAB, 0xCD, 0x81, 0x80, 0, 1, 0, 4, 0, 0, 0, 0]
        // Question at offset 12: www.example.org A IN
        m += [3, 0x77, 0x77, 0x77, 7] + Array("example".utf8) + [3] + Array("org".utf8) + [0, 0, 1, 0, 1]
        // Answer 1: name -> pointer to 12, CNAME, data: "web" + pointer to "example.org" (offset 16)
        m += [0xC0, 12, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 6, 3] + Array("web".utf8) + [0xC0, 16]
        // Answer 2: name "web" + pointer 16, A 192.0.2.80
        m += [3] + Array("web".utf8) + [0xC0, 16, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 80]
        // Answer 3: unknown type 99 (SPF) at pointer 16, skipped
        m += [0xC0, 16, 0, 99, 0, 1, 0, 0, 0, 60, 0, 3, 2, 0x68, 0x69]
        // Answer 4: MX at "example.org": preference 5, exchange "mx" + pointer 16
        m += [0xC0, 16, 0, 15, 0, 1, 0, 0, 0, 60, 0, 7, 0, 5, 2] + Array("mx".utf8) + [0xC0, 16]
        return m
    }()

    @Test("compression pointers in names and record data")
    func compression() throws {
        let parsed = try DNSMessage.parseResponse(Self.compressed, expectedID: 0xABCD)
        #expect(parsed.questions.first?.name == "www.example.org")
        #expect(parsed.answers == [
            DNSRecord(name: "www.example.org", type: .cname, ttl: 3600, value: "web.example.org"),
            DNSRecord(name: "web.example.org", type: .a, ttl: 60, value: "192.0.2.80"),
            DNSRecord(name: "example.org", type: .mx, ttl: 60, value: "5 mx.example.org"),
        ])
    }

    @Test("pointer loops and forward pointers are refused")
    func pointerLoops() {
        // Answer name is a pointer to itself (offset 29).
        var selfLoop: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]
        selfLoop += [1, 0x61, 0, 0, 1, 0, 1]           // question "a" at 12..<19
        selfLoop += [0xC0, 19, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]
        #expect(throws: DNSError.badPointer(offset: 19)) { try DNSMessage.parseResponse(selfLoop, expectedID: 1) }

        // Two pointers pointing at each other: 19 -> 21 -> 19.
        var pair: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]
        pair += [1, 0x61, 0, 0, 1, 0, 1]
        pair += [0xC0, 21, 0xC0, 19, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]
        #expect(throws: DNSError.self) { try DNSMessage.parseResponse(pair, expectedID: 1) }

        // A label followed by a pointer back to the label's own start.
        var labelLoop: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]
        labelLoop += [1, 0x61, 0, 0, 1, 0, 1]
        labelLoop += [1, 0x62, 0xC0, 19, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]
        #expect(throws: DNSError.badPointer(offset: 21)) { try DNSMessage.parseResponse(labelLoop, expectedID: 1) }
    }

    @Test("header checks: ID, QR bit")
    func headerChecks() throws {
        #expect(throws: DNSError.idMismatch(expected: 1, received: 0xABCD)) {
            try DNSMessage.parseResponse(Self.compressed, expectedID: 1)
        }
        let query = DNSMessage.query(id: 3, name: "example.org", type: .a)
        #expect(throws: DNSError.notAResponse) { try DNSMessage.parseResponse(query, expectedID: 3) }
        #expect(throws: DNSError.malformedQuery) { try DNSMessage.response(to: Self.compressed, answers: []) }
        #expect(throws: DNSError.truncatedMessage) { try DNSMessage.parseResponse([0, 3, 0x81], expectedID: 3) }
    }

    @Test("record data that does not fit its type")
    func malformedRecords() {
        var badA: [UInt8] = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0]
        badA += [1, 0x61, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 3, 1, 2, 3]
        #expect(throws: DNSError.malformedRecord(type: "A")) { try DNSMessage.parseResponse(badA, expectedID: 1) }

        var badTXT: [UInt8] = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0]
        badTXT += [1, 0x61, 0, 0, 16, 0, 1, 0, 0, 0, 1, 0, 3, 5, 0x61, 0x62]
        #expect(throws: DNSError.malformedRecord(type: "TXT")) { try DNSMessage.parseResponse(badTXT, expectedID: 1) }

        // CNAME whose name runs past RDLENGTH.
        var badCNAME: [UInt8] = [0, 1, 0x81, 0x80, 0, 0, 0, 2, 0, 0, 0, 0]
        badCNAME += [1, 0x61, 0, 0, 5, 0, 1, 0, 0, 0, 1, 0, 2, 3, 0x61]
        badCNAME += [0x62, 0x63, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]
        #expect(throws: DNSError.malformedRecord(type: "CNAME")) { try DNSMessage.parseResponse(badCNAME, expectedID: 1) }

        #expect(throws: DNSError.self) {
            try DNSMessage.response(to: DNSMessage.query(id: 1, name: "a", type: .a),
                                    answers: [DNSRecord(name: "a", type: .a, ttl: 1, value: "300.1.1.1")])
        }
        #expect(throws: DNSError.self) {
            try DNSMessage.response(to: DNSMessage.query(id: 1, name: "a", type: .mx),
                                    answers: [DNSRecord(name: "a", type: .mx, ttl: 1, value: "mx.example.org")])
        }
    }

    @Test("other classes are skipped; top-bit TTL reads as zero; presentation escapes")
    func skippingAndEscapes() throws {
        var m: [UInt8] = [0, 1, 0x81, 0x80, 0, 0, 0, 2, 0, 0, 0, 0]
        m += [1, 0x61, 0, 0, 1, 0, 3, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]              // class CH: skipped
        m += [3, 0x41, 0x2E, 0x00, 0, 0, 1, 0, 1, 0x80, 0, 0, 0, 0, 4, 9, 8, 7, 6] // label "A.\0", TTL top bit
        let parsed = try DNSMessage.parseResponse(m, expectedID: 1)
        #expect(parsed.answers == [DNSRecord(name: "a\\046\\000", type: .a, ttl: 0, value: "9.8.7.6")])
    }

    @Test("a truncated (TC) response returns the records that arrived")
    func truncatedFlag() throws {
        let query = DNSMessage.query(id: 77, name: "example.org", type: .txt)
        var response = try DNSMessage.response(to: query, answers: [
            DNSRecord(name: "example.org", type: .txt, ttl: 1, value: "first"),
            DNSRecord(name: "example.org", type: .txt, ttl: 1, value: "second"),
        ])
        response[2] |= 0x02
        let cut = Array(response.dropLast(4))
        let parsed = try DNSMessage.parseResponse(cut, expectedID: 77)
        #expect(parsed.truncated)
        #expect(parsed.answers.map(\.value) == ["first"])
    }

    @Test("every prefix of a valid response fails cleanly")
    func prefixes() throws {
        let full = Self.compressed
        for length in 0..<full.count {
            #expect(throws: DNSError.self) { try DNSMessage.parseResponse(Array(full[0..<length]), expectedID: 0xABCD) }
        }
    }

    @Test("random and mutated bytes never crash the decoder")
    func fuzz() {
        var rng = SplitMix64(seed: 0x7275_6363_4154_5454)
        let seeds = [Self.compressed, DNSMessage.query(id: 1, name: "www.example.org", type: .aaaa)]
        var decoded = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = seeds[round % 4 == 1 ? 0 : 1]
                for _ in 0..<(1 + Int(rng.next() % 6)) where !bytes.isEmpty {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
                if rng.next() % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))) }
            }
            if bytes.count >= 2 {
                let id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
                if (try? DNSMessage.parseResponse(bytes, expectedID: id)) != nil { decoded += 1 }
            }
            _ = try? DNSMessage.parseQuestion(bytes)
            _ = try? DNSMessage.response(to: bytes, answers: [DNSRecord(name: "x", type: .a, ttl: 1, value: "1.2.3.4")])
        }
        #expect(decoded > 0)
    }
}
