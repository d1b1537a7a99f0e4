import Foundation

/// How grave an incident is, set by the response team (Đội ƯCSC) at triage.
///
/// Circular 20/2017/TT-BTTTT does not grade incidents itself. Serious network-security incidents ("sự cố an toàn
/// thông tin mạng nghiêm trọng") are the ones for which the national emergency-response plan of Decision
/// 05/2017/QĐ-TTg applies, under the criteria that decision sets; whether an incident qualifies is a legal
/// judgement made by the coordinator, not something this enum can decide. The platform's convention:
/// `critical` means "may be a serious incident — escalate to the national coordinator at once"
/// (`mayBeSeriousIncident`); the other levels are the team's working priority.
///
/// Encoded as its raw value ("low", "medium", "high", "critical"); ordered from low to critical.
public enum IncidentSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high
    case critical

    /// Accepts the raw value or the Vietnamese or English label, case-insensitive ("Nghiêm trọng", "HIGH").
    public init?(label: String) {
        let text = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let match = Self.allCases.first(where: {
            $0.rawValue == text || $0.vietnamese.lowercased() == text || $0.english.lowercased() == text
        }) else { return nil }
        self = match
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: IncidentSeverity, rhs: IncidentSeverity) -> Bool { lhs.rank < rhs.rank }

    /// Whether the incident may be a "sự cố nghiêm trọng" in the sense of Decision 05/2017/QĐ-TTg and must be
    /// escalated to the national coordinator (see the type's documentation): `critical` only.
    public var mayBeSeriousIncident: Bool { self == .critical }

    public var vietnamese: String {
        switch self {
        case .low: "Thấp"
        case .medium: "Trung bình"
        case .high: "Cao"
        case .critical: "Nghiêm trọng"
        }
    }

    public var english: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .critical: "Critical"
        }
    }
}
