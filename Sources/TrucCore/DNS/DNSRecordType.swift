import Foundation

/// DNS resource record types a monitor may ask for (RFC 1035, RFC 3596).
public enum DNSRecordType: String, Sendable, Codable, CaseIterable {
    case a = "A"
    case aaaa = "AAAA"
    case cname = "CNAME"
    case mx = "MX"
    case txt = "TXT"
    case ns = "NS"

    /// The TYPE code on the wire.
    public var code: UInt16 {
        switch self {
        case .a: 1
        case .ns: 2
        case .cname: 5
        case .mx: 15
        case .txt: 16
        case .aaaa: 28
        }
    }

    public init?(code: UInt16) {
        guard let t = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = t
    }
}
