/// Where a unit stands on an advisory that concerns it: notified → acknowledged → remediating → remediated, or
/// "not affected" when the unit checked and the match was wrong.
public enum AdvisoryUnitState: String, Sendable, Codable, CaseIterable {
    case notified
    case acknowledged
    case remediating
    case remediated
    case notAffected = "not_affected"

    /// States a unit can move to from this one. Any state can go back to `remediating` (e.g. a fix that did not hold).
    public func canMove(to next: AdvisoryUnitState) -> Bool {
        guard next != self else { return false }
        switch (self, next) {
        case (_, .notified): return false
        case (.notified, _): return true
        case (_, .acknowledged): return false
        default: return true
        }
    }

    /// Whether the unit still has work to do (counts as open on the board).
    public var isOpen: Bool { self == .notified || self == .acknowledged || self == .remediating }

    public var vietnamese: String {
        switch self {
        case .notified: "Đã thông báo, chưa xác nhận"
        case .acknowledged: "Đã xác nhận"
        case .remediating: "Đang khắc phục"
        case .remediated: "Đã khắc phục"
        case .notAffected: "Không bị ảnh hưởng"
        }
    }

    public var english: String {
        switch self {
        case .notified: "Notified, not acknowledged"
        case .acknowledged: "Acknowledged"
        case .remediating: "Remediating"
        case .remediated: "Remediated"
        case .notAffected: "Not affected"
        }
    }
}
