import Foundation

/// The verdict of one check. Ordered by severity: up < degraded < down.
public enum ProbeOutcome: String, Sendable, Codable, CaseIterable, Comparable {
    case up
    /// Answers, but too slowly, or with a certificate close to expiry.
    case degraded
    case down

    /// Compact code stored with each check result.
    public var code: Int {
        switch self {
        case .up: 0
        case .degraded: 1
        case .down: 2
        }
    }

    public init?(code: Int) {
        switch code {
        case 0: self = .up
        case 1: self = .degraded
        case 2: self = .down
        default: return nil
        }
    }

    public static func < (lhs: ProbeOutcome, rhs: ProbeOutcome) -> Bool { lhs.code < rhs.code }
}
