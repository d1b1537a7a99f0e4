import Foundation

/// A range of IP addresses in CIDR notation: "10.0.0.0/8", "fd00::/8", "192.0.2.7/32". The network address has no
/// host bits set (parsing refuses "10.1.2.3/8" rather than guessing).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the range (host bits zero).
    public let address: IPAddress
    /// 0…32 for IPv4, 0…128 for IPv6.
    public let prefixLength: Int

    /// Why a text is not a range.
    public enum ParseError: Error, Sendable, Equatable {
        /// The part before "/" is not an IP address.
        case invalidAddress
        /// The prefix length is not a number in 0…32 (IPv4) or 0…128 (IPv6).
        case invalidPrefix
        /// Bits are set after the prefix; `suggestion` is the range that was probably meant.
        case hostBitsSet(suggestion: IPNetwork)
    }

    /// A range from an address and a prefix length; nil if the length is out of bounds or host bits are set.
    public init?(address: IPAddress, prefixLength: Int) {
        let bits = address.bytes.count * 8
        guard (0...bits).contains(prefixLength), Self.masked(address, prefixLength) == address else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// The single-address range (/32 or /128).
    public init(host: IPAddress) {
        address = host
        prefixLength = host.bytes.count * 8
    }

    /// Parses "a.b.c.d/n", "v6/n", "[v6]/n", or a bare address (the single-address range). Spaces around are ignored.
    public init(parsing text: String) throws(ParseError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        let pieces = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = pieces.first, let address = IPAddress(String(first)) else { throw .invalidAddress }
        guard pieces.count == 2 else {
            self.address = address
            self.prefixLength = address.bytes.count * 8
            return
        }
        let bits = address.bytes.count * 8
        let prefixText = pieces[1]
        guard !prefixText.isEmpty, prefixText.count <= 3, prefixText.allSatisfy({ $0.isASCII && $0.isNumber }),
              prefixText == "0" || !prefixText.hasPrefix("0"),
              let length = Int(prefixText), (0...bits).contains(length) else { throw .invalidPrefix }
        let network = Self.masked(address, length)
        guard network == address else {
            throw .hostBitsSet(suggestion: IPNetwork(address: network, prefixLength: length)!)
        }
        self.address = address
        self.prefixLength = length
    }

    /// "10.0.0.0/8", "fd00::/8".
    public var description: String { "\(address)/\(prefixLength)" }

    public var isIPv4: Bool { address.isIPv4 }

    /// Whether `other` (of the same family) is in the range.
    public func contains(_ other: IPAddress) -> Bool {
        other.bytes.count == address.bytes.count && Self.masked(other, prefixLength) == address
    }

    /// Whether every address of `other` (of the same family) is in this range.
    public func contains(_ other: IPNetwork) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }

    /// Whether the two ranges (of the same family) share at least one address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        contains(other) || other.contains(self)
    }

    /// `address` with every bit after the first `length` cleared.
    static func masked(_ address: IPAddress, _ length: Int) -> IPAddress {
        var bytes = address.bytes
        for index in bytes.indices {
            let keep = max(0, min(8, length - index * 8))
            bytes[index] &= keep == 8 ? 0xff : UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
        return IPAddress(bytes: bytes)!
    }
}

extension IPNetwork {
    /// A range from text known to be valid (for the tables in this module).
    init(_ literal: String) {
        do { try self.init(parsing: literal) } catch { preconditionFailure("bad range literal \(literal)") }
    }
}
