import Foundation

/// The reverse proxies whose `X-Forwarded-For` header is believed (`TRUC_TRUSTED_PROXIES`), and the client address
/// of a request worked out from them.
///
/// Without trusted proxies the client is the connection's peer and the header is ignored: anybody can write it.
/// With them, the header is read from the right — each trusted proxy appends the address it received the request
/// from — and the first address that is not a trusted proxy is the client.
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefix
            for i in 0..<bytes.count where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
                if address[i] & mask != bytes[i] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    let ranges: [Range]

    public static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) { self.ranges = ranges }

    /// From a comma-separated list of addresses and CIDR ranges ("127.0.0.1, 10.0.0.0/8, fd00::/8"); the error
    /// names the first entry that is neither.
    public init(parsing text: String) throws(TrustedProxiesError) {
        var ranges: [Range] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let bytes = Self.parse(parts[0]) else { throw TrustedProxiesError(entry: entry) }
            let width = bytes.count * 8
            var prefix = width
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...width).contains(value), parts[1].allSatisfy(\.isNumber) else {
                    throw TrustedProxiesError(entry: entry)
                }
                prefix = value
            }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client address: the peer, unless the peer is a trusted proxy and `forwardedFor` (the values of every
    /// `X-Forwarded-For` header, in order) names an address before it. An entry that is not an address stops the
    /// walk at the proxy that passed it on.
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { Self.stripPort(String($0)) }
        var client = peer
        for hop in hops.reversed() {
            guard Self.parse(hop) != nil else { return client }
            client = hop
            if !contains(hop) { return hop }
        }
        return client
    }

    /// An IPv4 address as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address as its IPv4 bytes.
    static func parse(_ text: String) -> [UInt8]? {
        if let v4 = IPAddressFormat.parseIPv4(text) { return v4 }
        guard let v6 = IPAddressFormat.parseIPv6(text) else { return nil }
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xff && v6[11] == 0xff { return Array(v6[12..<16]) }
        return v6
    }

    /// "[2001:db8::1]:443" → "2001:db8::1", "192.0.2.1:80" → "192.0.2.1"; trims spaces.
    static func stripPort(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            return String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        }
        if trimmed.filter({ $0 == ":" }).count == 1, let colon = trimmed.firstIndex(of: ":") {
            return String(trimmed[..<colon])
        }
        return trimmed
    }

    /// What sign-in throttling counts an address as: IPv4 (and IPv4-mapped IPv6) as the dotted quad, other IPv6
    /// addresses by their /64 network, which one subscriber usually holds whole. Text that is not an address is kept.
    public static func throttleKey(_ address: String) -> String {
        guard let bytes = parse(address) else { return address }
        if bytes.count == 4 { return IPAddressFormat.ipv4String(bytes) ?? address }
        let network = Array(bytes[0..<8]) + [UInt8](repeating: 0, count: 8)
        return (IPAddressFormat.ipv6String(network) ?? address) + "/64"
    }
}

public struct TrustedProxiesError: Error, Sendable, Equatable, CustomStringConvertible {
    public let entry: String
    public var description: String { "'\(entry)' is not an IP address or CIDR range" }
}
