import Foundation

extension DNSMessage {
    /// Builds the response to `query`: same ID, opcode and RD bit, QR/AA/RA set, the query's first
    /// question echoed, and `answers` written uncompressed in the answer section.
    ///
    /// Record values are read in the normalised text form documented on `DNSRecord`
    /// (MX as "PREFERENCE EXCHANGE"; TXT split into 255-byte character-strings).
    /// - Throws: `.malformedQuery` (or a decoding error) if `query` is not a query with a question,
    ///   `.invalidName` / `.invalidRecordValue` if a record cannot be encoded.
    public static func response(to query: [UInt8], answers: [DNSRecord], rcode: Int = 0) throws(DNSError) -> [UInt8] {
        let parsed = try parseQuestionSection(query)
        var out = [UInt8]()
        out.reserveCapacity(parsed.end + answers.count * 32)
        appendUInt16(parsed.id, to: &out)
        let opcode = parsed.flags & 0x7800
        let recursionDesired = parsed.flags & 0x0100
        let flags: UInt16 = 0x8000 | opcode | 0x0400 | recursionDesired | 0x0080 | UInt16(rcode & 0x0F)
        appendUInt16(flags, to: &out)
        appendUInt16(1, to: &out)
        appendUInt16(UInt16(clamping: answers.count), to: &out)
        appendUInt16(0, to: &out)
        appendUInt16(0, to: &out)
        out.append(contentsOf: query[12..<parsed.end])
        for record in answers.prefix(Int(UInt16.max)) {
            appendName(try labels(of: record.name), to: &out)
            appendUInt16(record.type.code, to: &out)
            appendUInt16(classIN, to: &out)
            appendUInt32(record.ttl, to: &out)
            let data = try encodeData(record)
            guard data.count <= Int(UInt16.max) else {
                throw .invalidRecordValue(type: record.type.rawValue, value: record.value)
            }
            appendUInt16(UInt16(data.count), to: &out)
            out.append(contentsOf: data)
        }
        return out
    }

    /// The RDATA bytes for a record's normalised text value.
    static func encodeData(_ record: DNSRecord) throws(DNSError) -> [UInt8] {
        let invalid = DNSError.invalidRecordValue(type: record.type.rawValue, value: record.value)
        switch record.type {
        case .a:
            guard let bytes = IPAddressFormat.parseIPv4(record.value) else { throw invalid }
            return bytes
        case .aaaa:
            guard let bytes = IPAddressFormat.parseIPv6(record.value) else { throw invalid }
            return bytes
        case .cname, .ns:
            var out = [UInt8]()
            do { appendName(try labels(of: record.value), to: &out) } catch { throw invalid }
            return out
        case .mx:
            let parts = record.value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let preference = UInt16(parts[0]) else { throw invalid }
            var out = [UInt8]()
            appendUInt16(preference, to: &out)
            do {
                appendName(try labels(of: String(parts[1]).trimmingCharacters(in: .whitespaces)), to: &out)
            } catch { throw invalid }
            return out
        case .txt:
            let bytes = Array(record.value.utf8)
            if bytes.isEmpty { return [0] }
            var out = [UInt8]()
            var index = 0
            while index < bytes.count {
                let chunk = bytes[index..<min(index + 255, bytes.count)]
                out.append(UInt8(chunk.count))
                out.append(contentsOf: chunk)
                index += chunk.count
            }
            return out
        }
    }
}
