/// What a duty shift is for: hands-on technical monitoring, or the leader in charge.
public enum DutyRole: String, Codable, CaseIterable, Sendable {
    /// Trực kỹ thuật: counts towards 24/7 technical coverage.
    case technical
    /// Trực lãnh đạo: the leader on duty; every day needs one.
    case leader

    public var vietnamese: String {
        switch self {
        case .technical: "Trực kỹ thuật"
        case .leader: "Trực lãnh đạo"
        }
    }

    public var english: String {
        switch self {
        case .technical: "Technical duty"
        case .leader: "Leader on duty"
        }
    }
}
