import Foundation

/// An IPv4 or IPv6 address: 4 or 16 bytes in network order. Text forms are parsed strictly here (dotted-quad IPv4
/// without leading zeros, RFC 4291 IPv6, optionally in brackets); `IPAddress+HostParsing` reads the looser forms
/// URL parsers and `inet_aton` accept ("2130706433", "0177.0.0.1", "0x7f.1", "127.1").
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
    public let bytes: [UInt8]

    /// nil unless exactly 4 or 16 bytes are given.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// An IPv4 address from its 32-bit value (127.0.0.1 is 0x7f00_0001).
    public init(ipv4 value: UInt32) {
        bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    /// Strict text: "192.0.2.1", "2001:db8::1", "[2001:db8::1]", "::ffff:192.0.2.1". Zone identifiers are refused.
    public init?(_ text: String) {
        var host = Substring(text)
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if let v4 = IPAddressFormat.parseIPv4(String(host)) {
            bytes = v4
        } else if let v6 = IPAddressFormat.parseIPv6(String(host)) {
            bytes = v6
        } else {
            return nil
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// "192.0.2.1", or the RFC 5952 form of an IPv6 address ("2001:db8::1", "::ffff:192.0.2.1"), without brackets.
    public var description: String {
        (isIPv4 ? IPAddressFormat.ipv4String(bytes) : IPAddressFormat.ipv6String(bytes)) ?? "?"
    }

    /// The text to write before ":port" or in a URL: IPv6 in brackets.
    public var bracketed: String { isIPv4 ? description : "[\(description)]" }

    /// The IPv4 address an IPv6 address carries and leads to, if any:
    /// IPv4-mapped `::ffff:a.b.c.d` (the socket API connects to a.b.c.d), IPv4-compatible `::a.b.c.d` (deprecated),
    /// NAT64 `64:ff9b::a.b.c.d` (RFC 6052, translated to a.b.c.d) and 6to4 `2002:aabb:ccdd::/48` (RFC 3056).
    /// nil for IPv4 addresses and other IPv6 addresses.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let b = bytes
        let tail = Array(b[12..<16])
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return IPAddress(bytes: tail) }
        if b[0..<12].allSatisfy({ $0 == 0 }) {
            // :: and ::1 are not IPv4-compatible addresses.
            if b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1 { return nil }
            return IPAddress(bytes: tail)
        }
        if b[0..<4] == [0x00, 0x64, 0xff, 0x9b] && b[4..<12].allSatisfy({ $0 == 0 }) { return IPAddress(bytes: tail) }
        if b[0] == 0x20 && b[1] == 0x02 { return IPAddress(bytes: Array(b[2..<6])) }
        return nil
    }
}
