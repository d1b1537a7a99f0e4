import Foundation

/// Who an alert goes to, in escalation order: the officer on duty first, then the unit's administrators, then
/// the provincial coordinators.
public enum AlertStage: String, Sendable, Codable, CaseIterable, Comparable {
    case onDuty = "on_duty"
    case unitAdmin = "unit_admin"
    case coordinator

    /// 0, 1, 2 in escalation order.
    public var rank: Int {
        switch self {
        case .onDuty: 0
        case .unitAdmin: 1
        case .coordinator: 2
        }
    }

    /// The stage an unacknowledged alert escalates to; nil after the coordinators.
    public var next: AlertStage? {
        switch self {
        case .onDuty: .unitAdmin
        case .unitAdmin: .coordinator
        case .coordinator: nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .onDuty: "Cán bộ đang trực"
        case .unitAdmin: "Quản trị đơn vị"
        case .coordinator: "Điều phối cấp tỉnh"
        }
    }

    public var english: String {
        switch self {
        case .onDuty: "Officer on duty"
        case .unitAdmin: "Unit administrator"
        case .coordinator: "Provincial coordinator"
        }
    }

    public static func < (lhs: AlertStage, rhs: AlertStage) -> Bool { lhs.rank < rhs.rank }
}
