import Foundation

extension DNSMessage {
    /// Decodes a response to the query with ID `expectedID`.
    ///
    /// Checks the header (QR set, opcode QUERY, ID), reads every question, then the answer section,
    /// decoding A, AAAA, CNAME, NS, MX and TXT records of class IN into `DNSRecord` values with the
    /// normalised text documented on `DNSRecord`. Other types and classes are skipped. The authority
    /// and additional sections are not read. A non-zero RCODE is returned in `rcode`, not thrown.
    /// When the TC bit is set and the message ends inside the answer section, the records decoded
    /// so far are returned. Every length and pointer is bounds-checked: malformed input throws,
    /// it never traps.
    public static func parseResponse(_ bytes: [UInt8], expectedID: UInt16) throws(DNSError) -> DNSResponse {
        var reader = DNSWireReader(bytes)
        let id = try reader.readUInt16()
        let flags = try reader.readUInt16()
        let qdCount = try reader.readUInt16()
        let anCount = try reader.readUInt16()
        _ = try reader.readUInt16()   // NSCOUNT
        _ = try reader.readUInt16()   // ARCOUNT
        guard flags & 0x8000 != 0, (flags >> 11) & 0x0F == 0 else { throw .notAResponse }
        guard id == expectedID else { throw .idMismatch(expected: expectedID, received: id) }
        let truncated = flags & 0x0200 != 0
        var response = DNSResponse(id: id, rcode: Int(flags & 0x000F), truncated: truncated, answers: [])

        for _ in 0..<qdCount {
            let name = try reader.readName()
            let type = try reader.readUInt16()
            let klass = try reader.readUInt16()
            response.questions.append(DNSQuestion(name: name, typeCode: type, classCode: klass))
        }
        for _ in 0..<anCount {
            do {
                if let record = try readRecord(&reader) {
                    response.answers.append(record)
                }
            } catch .truncatedMessage where truncated {
                break
            }
        }
        return response
    }

    /// Decodes the first question of a query (QR clear), as the stub server needs it.
    public static func parseQuestion(_ bytes: [UInt8]) throws(DNSError) -> DNSQuestion {
        try parseQuestionSection(bytes).question
    }

    static func parseQuestionSection(_ bytes: [UInt8]) throws(DNSError) -> (id: UInt16, flags: UInt16, question: DNSQuestion, end: Int) {
        var reader = DNSWireReader(bytes)
        let id = try reader.readUInt16()
        let flags = try reader.readUInt16()
        let qdCount = try reader.readUInt16()
        try reader.skip(6)
        guard flags & 0x8000 == 0, qdCount >= 1 else { throw .malformedQuery }
        let name = try reader.readName()
        let type = try reader.readUInt16()
        let klass = try reader.readUInt16()
        return (id, flags, DNSQuestion(name: name, typeCode: type, classCode: klass), reader.offset)
    }

    private static func readRecord(_ reader: inout DNSWireReader) throws(DNSError) -> DNSRecord? {
        let name = try reader.readName()
        let typeCode = try reader.readUInt16()
        let klass = try reader.readUInt16()
        let rawTTL = try reader.readUInt32()
        let rdLength = Int(try reader.readUInt16())
        let rdStart = reader.offset
        try reader.skip(rdLength)
        let rdEnd = reader.offset
        guard klass == classIN, let type = DNSRecordType(code: typeCode) else { return nil }
        // RFC 2181 §8: a TTL with the top bit set is treated as zero.
        let ttl = rawTTL & 0x8000_0000 == 0 ? rawTTL : 0
        let value = try decodeData(type: type, bytes: reader.bytes, start: rdStart, end: rdEnd)
        return DNSRecord(name: name, type: type, ttl: ttl, value: value)
    }

    private static func decodeData(type: DNSRecordType, bytes: [UInt8], start: Int, end: Int) throws(DNSError) -> String {
        let data = bytes[start..<end]
        switch type {
        case .a:
            guard let text = IPAddressFormat.ipv4String(data) else { throw .malformedRecord(type: type.rawValue) }
            return text
        case .aaaa:
            guard let text = IPAddressFormat.ipv6String(data) else { throw .malformedRecord(type: type.rawValue) }
            return text
        case .cname, .ns:
            var inner = DNSWireReader(bytes, offset: start)
            let target = try readEmbeddedName(&inner, end: end, type: type)
            return target
        case .mx:
            var inner = DNSWireReader(bytes, offset: start)
            guard end - start >= 3 else { throw .malformedRecord(type: type.rawValue) }
            let preference = try inner.readUInt16()
            let exchange = try readEmbeddedName(&inner, end: end, type: type)
            return "\(preference) \(exchange)"
        case .txt:
            var collected = [UInt8]()
            var index = start
            while index < end {
                let length = Int(bytes[index])
                guard index + 1 + length <= end else { throw .malformedRecord(type: type.rawValue) }
                collected.append(contentsOf: bytes[(index + 1)..<(index + 1 + length)])
                index += 1 + length
            }
            return String(decoding: collected, as: UTF8.self)
        }
    }

    private static func readEmbeddedName(_ reader: inout DNSWireReader, end: Int, type: DNSRecordType) throws(DNSError) -> String {
        // A name inside RDATA may use pointers anywhere earlier, but its own bytes must stay inside RDATA.
        var limited = DNSWireReader(Array(reader.bytes[0..<end]), offset: reader.offset)
        do {
            let name = try limited.readName()
            reader.offset = limited.offset
            return name
        } catch .truncatedMessage {
            throw .malformedRecord(type: type.rawValue)
        }
    }
}
