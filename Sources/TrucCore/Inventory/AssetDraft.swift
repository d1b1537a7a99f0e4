import Foundation

/// An asset as read from an import (CSV or Nmap) or a form, before it is stored.
///
/// Texts are trimmed, with blank ones as `nil`; `ipAddress` is valid (see `AssetDraft.normalizedIPAddress(_:)`);
/// `cpes` are valid names without duplicates, in the order given.
public struct AssetDraft: Sendable, Hashable, Codable {
    public var kind: AssetKind
    public var name: String
    /// The information system the asset belongs to, by name or code as written in the CSV; the app resolves it.
    public var systemName: String?
    public var vendor: String?
    /// The model for a network device, the operating system for a server, the product for software.
    public var product: String?
    /// The firmware, operating-system or software version.
    public var version: String?
    public var hostname: String?
    /// A valid IPv4 or IPv6 address (IPv6 lower-cased, without zone).
    public var ipAddress: String?
    /// Valid CPE names, deduplicated, order kept.
    public var cpes: [CPEName]
    /// A stable key for idempotent re-import: `nmap:192.168.1.10`, `nmap:192.168.1.10:tcp/22`, or the CSV `key` column.
    public var sourceKey: String?
    public var notes: String?

    public init(kind: AssetKind, name: String, systemName: String? = nil, vendor: String? = nil,
                product: String? = nil, version: String? = nil, hostname: String? = nil, ipAddress: String? = nil,
                cpes: [CPEName] = [], sourceKey: String? = nil, notes: String? = nil) {
        self.kind = kind
        self.name = name
        self.systemName = systemName
        self.vendor = vendor
        self.product = product
        self.version = version
        self.hostname = hostname
        self.ipAddress = ipAddress
        self.cpes = Self.deduplicated(cpes)
        self.sourceKey = sourceKey
        self.notes = notes
    }

    /// The names without later duplicates, in their first order.
    public static func deduplicated(_ cpes: [CPEName]) -> [CPEName] {
        var seen = Set<CPEName>()
        return cpes.filter { seen.insert($0).inserted }
    }

    /// The address in canonical text when `text` (trimmed) is a valid IPv4 dotted quad or IPv6 address, else `nil`.
    ///
    /// IPv4 needs four decimal parts 0–255 without leading zeros ("010" is ambiguous: octal for some tools).
    /// IPv6 accepts `::` compression and a trailing dotted quad (`::ffff:192.0.2.1`), is returned lower-cased;
    /// zones (`%eth0`), brackets and prefixes (`/24`) are refused.
    public static func normalizedIPAddress(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if isIPv4(trimmed) { return trimmed }
        if isIPv6(trimmed) { return trimmed.lowercased() }
        return nil
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(part.count > 1 && part.hasPrefix("0")), let value = Int(part) else { return false }
            return value <= 255
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.count >= 2, text.count <= 45 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ half: String, allowIPv4Tail: Bool) -> Int? {
            guard !half.isEmpty else { return 0 }
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (index, piece) in pieces.enumerated() {
                if allowIPv4Tail, index == pieces.count - 1, piece.contains(".") {
                    guard isIPv4(String(piece)) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 {
            return groups(halves[0], allowIPv4Tail: true) == 8
        }
        guard let head = groups(halves[0], allowIPv4Tail: false),
              let tail = groups(halves[1], allowIPv4Tail: true) else { return false }
        return head + tail <= 7
    }
}
