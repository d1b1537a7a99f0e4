import Foundation

/// A bounds-checked cursor over a DNS message, following compression pointers safely.
struct DNSWireReader {
    let bytes: [UInt8]
    var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func readUInt8() throws(DNSError) -> UInt8 {
        guard offset < bytes.count else { throw .truncatedMessage }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws(DNSError) -> UInt16 {
        guard remaining >= 2 else { throw .truncatedMessage }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32() throws(DNSError) -> UInt32 {
        guard remaining >= 4 else { throw .truncatedMessage }
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    mutating func readBytes(_ count: Int) throws(DNSError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw .truncatedMessage }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func skip(_ count: Int) throws(DNSError) {
        guard count >= 0, remaining >= count else { throw .truncatedMessage }
        offset += count
    }

    /// Reads a possibly compressed domain name and returns it in presentation form:
    /// lower-case, labels joined by ".", no final dot, "." for the root.
    /// Bytes outside printable ASCII, and "." or "\" inside a label, are written as `\DDD`.
    ///
    /// Every compression pointer must point before the name's start and before every earlier
    /// pointer target, which rules out loops; the expanded name may not exceed 255 bytes on the wire.
    mutating func readName() throws(DNSError) -> String {
        var labels = [String]()
        var wireLength = 0
        var position = offset
        var jumped = false
        // Each jump must land strictly before the previous landing point (or the name's start):
        // targets strictly decrease, so following pointers always terminates.
        var lowestTarget = position
        while true {
            guard position < bytes.count else { throw .truncatedMessage }
            let length = bytes[position]
            switch length & 0xC0 {
            case 0x00:
                if length == 0 {
                    wireLength += 1
                    guard wireLength <= 255 else { throw .nameTooLong }
                    if !jumped { offset = position + 1 }
                    return labels.isEmpty ? "." : labels.joined(separator: ".")
                }
                let start = position + 1
                let end = start + Int(length)
                guard end <= bytes.count else { throw .truncatedMessage }
                wireLength += 1 + Int(length)
                guard wireLength <= 255 else { throw .nameTooLong }
                labels.append(Self.presentation(of: bytes[start..<end]))
                position = end
            case 0xC0:
                guard position + 1 < bytes.count else { throw .truncatedMessage }
                let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
                guard target < lowestTarget else { throw .badPointer(offset: position) }
                if !jumped { offset = position + 2 }
                jumped = true
                lowestTarget = target
                position = target
            default:
                // 0x40 and 0x80 prefixes are extended/reserved label types (RFC 6891): not supported.
                throw .badPointer(offset: position)
            }
        }
    }

    static func presentation(of label: ArraySlice<UInt8>) -> String {
        var text = ""
        text.reserveCapacity(label.count)
        for byte in label {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                text.unicodeScalars.append(Unicode.Scalar(byte + 32))
            case UInt8(ascii: "."), UInt8(ascii: "\\"):
                text += "\\" + Self.threeDigits(byte)
            case 0x21...0x7E:
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                text += "\\" + Self.threeDigits(byte)
            }
        }
        return text
    }

    private static func threeDigits(_ byte: UInt8) -> String {
        let digits = String(byte)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }
}
