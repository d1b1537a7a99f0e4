import Foundation

/// Where an incident is in its handling. The workflow, and who may move it, is `IncidentTransition`:
///
/// reported → triaged → in_progress → contained → resolved → closed, with rejected (not an incident) from
/// reported or triaged, and reopening from resolved or closed back to in_progress.
///
/// Encoded as its raw value ("reported", "in_progress", …).
public enum IncidentStatus: String, Sendable, Codable, CaseIterable {
    /// Đã báo cáo: the unit sent the initial report (Mẫu 03); the response team has not looked at it yet.
    case reported
    /// Đã phân loại: the response team set the severity and the category.
    case triaged
    /// Đang xử lý: people are assigned and working on it.
    case inProgress = "in_progress"
    /// Đã ngăn chặn: the attack no longer spreads, the damage is not repaired yet.
    case contained
    /// Đã khắc phục: systems restored; the final report (Mẫu 04) is being written.
    case resolved
    /// Đã đóng: the final report is in; nothing more to do.
    case closed
    /// Không phải sự cố: the response team found it was not an incident (false alarm, duplicate, out of scope).
    case rejected

    /// Whether work on the incident still goes on (everything but closed and rejected).
    public var isOpen: Bool { self != .closed && self != .rejected }

    /// Whether the attack may still be active (reported, triaged, in progress): what the dashboard counts as
    /// "đang diễn ra".
    public var isActive: Bool { self == .reported || self == .triaged || self == .inProgress }

    public var vietnamese: String {
        switch self {
        case .reported: "Đã báo cáo"
        case .triaged: "Đã phân loại"
        case .inProgress: "Đang xử lý"
        case .contained: "Đã ngăn chặn"
        case .resolved: "Đã khắc phục"
        case .closed: "Đã đóng"
        case .rejected: "Không phải sự cố"
        }
    }

    public var english: String {
        switch self {
        case .reported: "Reported"
        case .triaged: "Triaged"
        case .inProgress: "In progress"
        case .contained: "Contained"
        case .resolved: "Resolved"
        case .closed: "Closed"
        case .rejected: "Not an incident"
        }
    }
}
