import Foundation

extension IPAddressFormat {
    /// Whether an address is not used on the Internet: private, shared (CGNAT), loopback, link-local, unspecified,
    /// multicast or reserved — what the initial report's "địa chỉ IP sử dụng trên Internet" must not list.
    ///
    /// IPv4: 0.0.0.0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, 224/4 and 240/4 (which includes
    /// 255.255.255.255). IPv6: ::, ::1, fc00::/7 (unique local), fe80::/10 (link-local), ff00::/8 (multicast), and an
    /// IPv4-mapped address (::ffff:a.b.c.d) whose IPv4 address is internal. Documentation ranges (192.0.2/24,
    /// 2001:db8::/32 …) count as public. `nil` when the text is not an IP address.
    public static func isInternal(_ text: String) -> Bool? {
        if let v4 = parseIPv4(text) { return isInternalIPv4(v4) }
        guard let v6 = parseIPv6(text) else { return nil }
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xff && v6[11] == 0xff {
            return isInternalIPv4(Array(v6[12..<16]))
        }
        if v6[0..<15].allSatisfy({ $0 == 0 }) && (v6[15] == 0 || v6[15] == 1) { return true }
        if v6[0] & 0xfe == 0xfc { return true }
        if v6[0] == 0xfe && v6[1] & 0xc0 == 0x80 { return true }
        return v6[0] == 0xff
    }

    private static func isInternalIPv4(_ b: [UInt8]) -> Bool {
        switch b[0] {
        case 0, 10, 127: true
        case 100: b[1] & 0xc0 == 64
        case 169: b[1] == 254
        case 172: b[1] & 0xf0 == 16
        case 192: b[1] == 168
        case 224...255: true
        default: false
        }
    }
}
