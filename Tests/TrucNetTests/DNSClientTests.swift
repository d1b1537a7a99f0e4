import Foundation
import NIOCore
import NIOPosix
import Testing
import TrucCore
import TrucNet
import TrucTestSupport

@Suite("DNS client against the loopback stub server", .timeLimit(.minutes(1)))
struct DNSClientTests {
    static let records = [
        DNSRecord(name: "truc.example", type: .a, ttl: 300, value: "192.0.2.10"),
        DNSRecord(name: "truc.example", type: .a, ttl: 300, value: "192.0.2.11"),
        DNSRecord(name: "truc.example", type: .aaaa, ttl: 300, value: "2001:db8:0:0:0:0:0:10"),
        DNSRecord(name: "truc.example", type: .mx, ttl: 3600, value: "10 mail.truc.example"),
        DNSRecord(name: "truc.example", type: .mx, ttl: 3600, value: "20 backup.truc.example"),
        DNSRecord(name: "truc.example", type: .txt, ttl: 60, value: "v=spf1 mx -all"),
        DNSRecord(name: "truc.example", type: .ns, ttl: 60, value: "ns1.truc.example"),
        DNSRecord(name: "www.truc.example", type: .cname, ttl: 60, value: "truc.example"),
    ]

    let group = MultiThreadedEventLoopGroup.singleton

    @Test("A, AAAA, MX, TXT, NS and CNAME answers")
    func recordTypes() async throws {
        let server = try await DNSStubServer.start(records: Self.records, group: group)
        let client = DNSClient(group: group)
        let a = try await client.query(name: "truc.example", type: .a, server: server.address, timeout: .seconds(5))
        #expect(Set(a.map(\.value)) == ["192.0.2.10", "192.0.2.11"])
        #expect(a.allSatisfy { $0.type == .a && $0.ttl == 300 && $0.name == "truc.example" })
        let aaaa = try await client.query(name: "truc.example", type: .aaaa, server: server.address, timeout: .seconds(5))
        #expect(aaaa.map(\.value) == ["2001:db8::10"])
        let mx = try await client.query(name: "truc.example", type: .mx, server: server.address, timeout: .seconds(5))
        #expect(mx.map(\.value) == ["10 mail.truc.example", "20 backup.truc.example"])
        let txt = try await client.query(name: "truc.example", type: .txt, server: server.address, timeout: .seconds(5))
        #expect(txt.map(\.value) == ["v=spf1 mx -all"])
        let ns = try await client.query(name: "truc.example", type: .ns, server: server.address, timeout: .seconds(5))
        #expect(ns.map(\.value) == ["ns1.truc.example"])
        let cname = try await client.query(name: "WWW.Truc.Example.", type: .cname, server: server.address, timeout: .seconds(5))
        #expect(cname == [DNSRecord(name: "www.truc.example", type: .cname, ttl: 60, value: "truc.example")])
        // An A query for the alias returns the CNAME followed by the target's addresses.
        let chased = try await client.query(name: "www.truc.example", type: .a, server: server.address, timeout: .seconds(5))
        #expect(chased.map(\.type) == [.cname, .a, .a])
        #expect(server.queriesReceived == 7)
        try await server.stop()
    }

    @Test("NXDOMAIN for an unknown name, empty NOERROR for a missing type")
    func negativeAnswers() async throws {
        let server = try await DNSStubServer.start(records: Self.records, group: group)
        let client = DNSClient(group: group)
        await #expect(throws: DNSError.serverFailure(rcode: 3)) {
            try await client.query(name: "nope.truc.example", type: .a, server: server.address, timeout: .seconds(5))
        }
        let response = try await client.exchange(name: "nope.truc.example", type: .a, server: server.address, timeout: .seconds(5))
        #expect(response.rcode == 3)
        let none = try await client.query(name: "www.truc.example", type: .txt, server: server.address, timeout: .seconds(5))
        #expect(none.map(\.type) == [.cname, .txt])
        let empty = try await client.query(name: "truc.example", type: .cname, server: server.address, timeout: .seconds(5))
        #expect(empty.isEmpty)
        try await server.stop()
    }

    @Test("setRecords changes the answers")
    func changingRecords() async throws {
        let server = try await DNSStubServer.start(records: Self.records, group: group)
        let client = DNSClient(group: group)
        server.setRecords([DNSRecord(name: "truc.example", type: .a, ttl: 5, value: "198.51.100.7")])
        let a = try await client.query(name: "truc.example", type: .a, server: server.address, timeout: .seconds(5))
        #expect(a.map(\.value) == ["198.51.100.7"])
        await #expect(throws: DNSError.serverFailure(rcode: 3)) {
            try await client.query(name: "www.truc.example", type: .a, server: server.address, timeout: .seconds(5))
        }
        try await server.stop()
    }

    @Test("a lost query is sent again within the timeout")
    func retry() async throws {
        let server = try await DNSStubServer.start(records: Self.records, group: group)
        server.dropQueries(1)
        let client = DNSClient(group: group)
        let a = try await client.query(name: "truc.example", type: .a, server: server.address, timeout: .seconds(4))
        #expect(a.count == 2)
        #expect(server.queriesReceived == 2)
        try await server.stop()
    }

    @Test("a server that never answers times out")
    func timeout() async throws {
        let silent = try await UDPTestResponder.start { _ in [] }
        let port = try #require(silent.localAddress?.port)
        let client = DNSClient(group: group)
        await #expect(throws: DNSError.timeout) {
            try await client.query(name: "truc.example", type: .a, server: "127.0.0.1:\(port)", timeout: .milliseconds(300))
        }
        try await silent.close()
    }

    @Test("answers with another ID or another question are not accepted")
    func spoofedAnswers() async throws {
        let liar = try await UDPTestResponder.start { query in
            guard query.count >= 2 else { return [] }
            let id = UInt16(query[0]) << 8 | UInt16(query[1])
            let otherID = DNSMessage.query(id: id &+ 1, name: "truc.example", type: .a)
            let otherQuestion = DNSMessage.query(id: id, name: "evil.example", type: .a)
            let record = [DNSRecord(name: "truc.example", type: .a, ttl: 1, value: "203.0.113.66")]
            return [
                (try? DNSMessage.response(to: otherID, answers: record)) ?? [],
                (try? DNSMessage.response(to: otherQuestion, answers: record)) ?? [],
            ]
        }
        let port = try #require(liar.localAddress?.port)
        let client = DNSClient(group: group)
        await #expect(throws: DNSError.questionMismatch) {
            try await client.query(name: "truc.example", type: .a, server: "127.0.0.1:\(port)", timeout: .seconds(5))
        }
        try await liar.close()
    }

    @Test("IPv6 loopback server")
    func ipv6() async throws {
        let server: DNSStubServer
        do {
            server = try await DNSStubServer.start(records: Self.records, host: "::1", group: group)
        } catch {
            withKnownIssue("no IPv6 loopback on this machine") { throw error }
            return
        }
        #expect(server.address == "[::1]:\(server.port)")
        let client = DNSClient(group: group)
        let a = try await client.query(name: "truc.example", type: .aaaa, server: server.address, timeout: .seconds(5))
        #expect(a.map(\.value) == ["2001:db8::10"])
        try await server.stop()
    }

    @Test("bad input is refused before anything is sent")
    func badInput() async throws {
        let client = DNSClient(group: group)
        await #expect(throws: DNSError.invalidServerAddress("dns.example")) {
            try await client.query(name: "truc.example", type: .a, server: "dns.example", timeout: .seconds(1))
        }
        await #expect(throws: DNSError.invalidName("a..b")) {
            try await client.query(name: "a..b", type: .a, server: "127.0.0.1:9", timeout: .seconds(1))
        }
    }

    @Test("server address forms")
    func serverAddresses() throws {
        #expect(try DNSServerAddress(parsing: "8.8.8.8").description == "8.8.8.8:53")
        #expect(try DNSServerAddress(parsing: "127.0.0.1:5353").port == 5353)
        #expect(try DNSServerAddress(parsing: "[::1]:53").description == "[::1]:53")
        #expect(try DNSServerAddress(parsing: "[::1]").port == 53)
        #expect(try DNSServerAddress(parsing: "::1").host == "::1")
        #expect(try DNSServerAddress(parsing: "127.0.0.2").isLoopback)
        #expect(try !DNSServerAddress(parsing: "2001:db8::1").isLoopback)
        for bad in ["", "host:53", "1.2.3.4:0", "1.2.3.4:70000", "[::1", "[::1]x", "[1.2.3.4]:53", "1.2.3.4:x"] {
            #expect(throws: DNSError.self) { try DNSServerAddress(parsing: bad) }
        }
    }

    @Test("nameserver from resolv.conf")
    func resolvConf() throws {
        let text = "# generated\n; comment\nsearch example\nnameserver 127.0.0.53 # stub\nnameserver ::1\n"
        #expect(DNSClient.firstNameserver(inResolvConf: text) == "127.0.0.53")
        #expect(DNSClient.firstNameserver(inResolvConf: "search x\n") == nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("resolv-\(UUID().uuidString).conf")
        try "options edns0\n  nameserver\t::1\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(DNSClient.systemNameserver(resolvConf: url.path) == "::1")
        #expect(DNSClient.systemNameserver(resolvConf: url.path + ".missing") == nil)
    }
}
