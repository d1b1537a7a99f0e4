import NIOCore

/// Recognises IPv4 and IPv6 address literals (as typed in a URL host or a monitor target).
public enum IPAddressLiteral {
    /// The network-order bytes of `text` when it is an IP literal ("127.0.0.1", "::1", "[::1]"), else nil.
    public static func bytes(_ text: String) -> [UInt8]? {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, let address = try? SocketAddress(ipAddress: String(host), port: 0) else { return nil }
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        case .unixDomainSocket:
            return nil
        }
    }

    /// Whether `text` is an IP literal (and so must not be sent as TLS SNI).
    public static func isLiteral(_ text: String) -> Bool {
        bytes(text) != nil
    }
}
