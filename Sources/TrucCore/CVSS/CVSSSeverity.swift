/// The qualitative severity rating of a CVSS score.
///
/// CVSS v3.x and v4.0 use five bands (None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9,
/// Critical 9.0–10.0); NVD rates CVSS v2 scores with three (Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0).
public enum CVSSSeverity: String, Codable, CaseIterable, Sendable, Comparable {
    case none
    case low
    case medium
    case high
    case critical

    /// The CVSS v3.x / v4.0 rating of `score` (a score already rounded to one decimal).
    public init(score: Double) {
        switch score {
        case ..<0.05: self = .none
        case ..<3.95: self = .low
        case ..<6.95: self = .medium
        case ..<8.95: self = .high
        default: self = .critical
        }
    }

    /// NVD's CVSS v2 rating of `score`: never `.none` nor `.critical`.
    public init(v2Score score: Double) {
        switch score {
        case ..<3.95: self = .low
        case ..<6.95: self = .medium
        default: self = .high
        }
    }

    /// Rank from `.none` (0) to `.critical` (4).
    public var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: CVSSSeverity, rhs: CVSSSeverity) -> Bool { lhs.rank < rhs.rank }

    public var vietnamese: String {
        switch self {
        case .none: "Không"
        case .low: "Thấp"
        case .medium: "Trung bình"
        case .high: "Cao"
        case .critical: "Nghiêm trọng"
        }
    }

    public var english: String {
        switch self {
        case .none: "None"
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .critical: "Critical"
        }
    }
}
