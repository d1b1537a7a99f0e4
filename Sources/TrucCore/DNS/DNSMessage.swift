import Foundation

/// RFC 1035 wire-format DNS messages: building queries, decoding responses, and building
/// responses (for the stub server). Pure functions over byte arrays.
public enum DNSMessage {
    /// The class code for the Internet class.
    public static let classIN: UInt16 = 1

    /// Builds a standard query (opcode QUERY) with one question of class IN.
    ///
    /// The name should first pass `validate(name:)`; this function does not throw, and for a name
    /// that would not pass it drops empty labels, cuts labels to 63 bytes, and stops adding labels
    /// at the 255-byte limit, so the bytes are always a well-formed message.
    /// - Parameters:
    ///   - id: the message ID the response must echo.
    ///   - name: the name to ask about, with or without the final dot.
    ///   - type: the record type wanted.
    ///   - recursionDesired: sets the RD bit.
    public static func query(id: UInt16, name: String, type: DNSRecordType, recursionDesired: Bool = true) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(18 + name.utf8.count)
        appendUInt16(id, to: &out)
        appendUInt16(recursionDesired ? 0x0100 : 0x0000, to: &out)
        appendUInt16(1, to: &out)   // QDCOUNT
        appendUInt16(0, to: &out)   // ANCOUNT
        appendUInt16(0, to: &out)   // NSCOUNT
        appendUInt16(0, to: &out)   // ARCOUNT
        appendName(lenientLabels(name), to: &out)
        appendUInt16(type.code, to: &out)
        appendUInt16(classIN, to: &out)
        return out
    }

    /// Checks that `name` can be queried: ASCII (use the IDNA "xn--" form for other scripts),
    /// printable, no empty label, labels of at most 63 bytes, at most 255 bytes on the wire.
    /// A single final dot is allowed; "" and "." mean the root.
    public static func validate(name: String) throws(DNSError) {
        _ = try labels(of: name)
    }

    /// Normalises a name the way decoded names are written: lower-case, without the final dot, "." for the root.
    public static func normalized(name: String) -> String {
        var text = name.lowercased()
        if text.hasSuffix(".") && text.count > 1 { text.removeLast() }
        return text.isEmpty ? "." : text
    }

    // MARK: - Internal helpers shared by the encoder and the response builder

    static func labels(of name: String) throws(DNSError) -> [[UInt8]] {
        var text = Substring(name)
        if text.hasSuffix(".") { text = text.dropLast() }
        if text.isEmpty { return [] }
        var result = [[UInt8]]()
        var wireLength = 1
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.count <= 63,
                  bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .invalidName(name) }
            wireLength += 1 + bytes.count
            guard wireLength <= 255 else { throw .invalidName(name) }
            result.append(bytes)
        }
        return result
    }

    static func lenientLabels(_ name: String) -> [[UInt8]] {
        var result = [[UInt8]]()
        var wireLength = 1
        for label in name.split(separator: ".", omittingEmptySubsequences: true) {
            let bytes = Array(label.utf8.prefix(63))
            guard wireLength + 1 + bytes.count <= 255 else { break }
            wireLength += 1 + bytes.count
            result.append(bytes)
        }
        return result
    }

    static func appendName(_ labels: [[UInt8]], to out: inout [UInt8]) {
        for label in labels {
            out.append(UInt8(label.count))
            out.append(contentsOf: label)
        }
        out.append(0)
    }

    static func appendUInt16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(value >> 8))
        out.append(UInt8(value & 0xff))
    }

    static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(value >> 24))
        out.append(UInt8((value >> 16) & 0xff))
        out.append(UInt8((value >> 8) & 0xff))
        out.append(UInt8(value & 0xff))
    }
}
