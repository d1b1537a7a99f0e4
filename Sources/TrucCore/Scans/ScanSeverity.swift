/// A scanner's own severity of a result. `info` results (OpenVAS "Log", Nessus severity 0, Nuclei `info`) are
/// counted but are not findings: they report what was detected, not a weakness.
public enum ScanSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    /// A scanner's word for a severity (`High`, `MEDIUM`, `moderate`, `Log`, `none`, `unknown`…); nil when unknown.
    public init?(word: String) {
        switch word.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "critical", "urgent": self = .critical
        case "high", "important", "hole": self = .high
        case "medium", "moderate", "warning": self = .medium
        case "low", "minor": self = .low
        case "info", "informational", "log", "none", "note", "debug", "false positive": self = .info
        default: return nil
        }
    }

    /// The band of a CVSS base score (0 is info).
    public init(score: Double) {
        switch score {
        case ..<0.05: self = .info
        case ..<3.95: self = .low
        case ..<6.95: self = .medium
        case ..<8.95: self = .high
        default: self = .critical
        }
    }

    /// The matching CVSS severity of the knowledge base.
    public var cvssSeverity: CVSSSeverity {
        switch self {
        case .info: .none
        case .low: .low
        case .medium: .medium
        case .high: .high
        case .critical: .critical
        }
    }
}
