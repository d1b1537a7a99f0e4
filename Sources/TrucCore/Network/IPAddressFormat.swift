import Foundation

/// Text forms of IP addresses: dotted-quad IPv4 and RFC 5952 canonical IPv6, both ways.
public enum IPAddressFormat {
    /// Formats 4 bytes as "a.b.c.d". Returns `nil` unless exactly 4 bytes are given.
    public static func ipv4String<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        guard bytes.count == 4 else { return nil }
        return bytes.map(String.init).joined(separator: ".")
    }

    /// Formats 16 bytes in the RFC 5952 canonical form: lower-case hex, no leading zeros,
    /// the longest run (first if tied) of two or more zero groups shortened to "::",
    /// and IPv4-mapped addresses written as "::ffff:192.0.2.1". Returns `nil` unless exactly 16 bytes are given.
    public static func ipv6String<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let b = Array(bytes)
        guard b.count == 16 else { return nil }
        var groups = [UInt16]()
        groups.reserveCapacity(8)
        for i in stride(from: 0, to: 16, by: 2) {
            groups.append(UInt16(b[i]) << 8 | UInt16(b[i + 1]))
        }
        // IPv4-mapped (::ffff:a.b.c.d), RFC 5952 §5.
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xffff {
            return "::ffff:" + (ipv4String(b[12..<16]) ?? "")
        }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Parses a dotted-quad IPv4 address ("192.0.2.1"). Leading zeros ("01") are refused as ambiguous.
    public static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes = [UInt8]()
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if part.count > 1 && part.first == "0" { return nil }
            guard let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// Parses any RFC 4291 §2.2 text form of an IPv6 address ("2001:db8::1", "::ffff:192.0.2.1",
    /// upper or lower case). Zone identifiers ("%eth0") are refused.
    public static func parseIPv6(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 45, !text.contains("%") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }

        func groups(of part: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var result = [UInt16]()
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, allowIPv4Tail, piece.contains(".") {
                    guard let v4 = parseIPv4(String(piece)) else { return nil }
                    result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isHexDigit && $0.isASCII }),
                      let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }

        var all: [UInt16]
        if halves.count == 2 {
            guard let head = groups(of: halves[0], allowIPv4Tail: false),
                  let tail = groups(of: halves[1], allowIPv4Tail: true),
                  head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let only = groups(of: halves[0], allowIPv4Tail: true), only.count == 8 else { return nil }
            all = only
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        for group in all {
            bytes.append(UInt8(group >> 8))
            bytes.append(UInt8(group & 0xff))
        }
        return bytes
    }
}
