import Foundation

/// A host (a domain name, an IPv4 address or an IPv6 address) and a port, parsed from text such as
/// "example.org:443", "192.0.2.1:80" or "[2001:db8::1]:8080".
///
/// Hosts are normalised: domain names lower-cased without a final dot, IPv6 addresses in RFC 5952 form
/// (lower-case, shortest, no brackets). `description` is the canonical "host:port" text, with the IPv6 address in
/// brackets.
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    /// The normalised host, without brackets.
    public let host: String
    /// 1…65535.
    public let port: Int

    /// The valid ports.
    public static let portRange: ClosedRange<Int> = 1...65_535

    /// A host and port that are already normalised (no validation).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// "host:port", "[v6]:port".
    public var description: String { "\(Self.bracketed(host)):\(port)" }

    /// Whether the host is an IPv6 address.
    public var isIPv6: Bool { host.contains(":") }

    /// The host in brackets when it is an IPv6 address (as written in URLs and before a port).
    static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
