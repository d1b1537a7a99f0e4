import Foundation
import NIOCore
import TrucCore

/// A nameserver written as an IP literal with an optional port:
/// "192.0.2.53", "127.0.0.1:5353", "::1", "[::1]", "[2001:db8::53]:5353". Host names are not
/// accepted (resolving the resolver's own name would need a resolver).
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP literal, without brackets.
    public var host: String
    /// The UDP port (53 unless given).
    public var port: Int

    /// Parses the text forms above.
    /// - Throws: `DNSError.invalidServerAddress`.
    public init(parsing text: String) throws(DNSError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var host = trimmed
        var port = 53
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .invalidServerAddress(text) }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else { throw .invalidServerAddress(text) }
                port = value
            }
            guard IPAddressFormat.parseIPv6(host) != nil else { throw .invalidServerAddress(text) }
        } else if trimmed.filter({ $0 == ":" }).count == 1 {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard let value = Int(parts[1]) else { throw .invalidServerAddress(text) }
            host = String(parts[0])
            port = value
            guard IPAddressFormat.parseIPv4(host) != nil else { throw .invalidServerAddress(text) }
        } else if trimmed.contains(":") {
            guard IPAddressFormat.parseIPv6(host) != nil else { throw .invalidServerAddress(text) }
        } else {
            guard IPAddressFormat.parseIPv4(host) != nil else { throw .invalidServerAddress(text) }
        }
        guard (1...65_535).contains(port) else { throw .invalidServerAddress(text) }
        self.host = host
        self.port = port
    }

    /// `true` for an IPv6 literal.
    public var isIPv6: Bool { host.contains(":") }

    /// `true` for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        if isIPv6 { return IPAddressFormat.parseIPv6(host) == IPAddressFormat.parseIPv6("::1") }
        return IPAddressFormat.parseIPv4(host)?.first == 127
    }

    /// The socket address to send to.
    public func socketAddress() throws -> SocketAddress {
        try SocketAddress(ipAddress: host, port: port)
    }

    /// "127.0.0.1:5353" or "[::1]:53".
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
