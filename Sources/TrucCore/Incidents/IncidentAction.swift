import Foundation

/// What people do on an incident besides changing its status; who may do what, and when, is
/// `IncidentTransition.check(_:status:actor:)`.
public enum IncidentAction: String, Sendable, Codable, CaseIterable {
    /// Set or change the severity and the category (triage): response team.
    case classify
    /// Assign people of the response team or of the unit: response team.
    case assign
    /// Add, change or cancel tasks: response team.
    case manageTasks = "manage_tasks"
    /// Add a situation update to the timeline: response team or reporting unit.
    case addUpdate = "add_update"
    /// Upload evidence (logs, screenshots, samples): response team or reporting unit.
    case addEvidence = "add_evidence"
    /// Write or change the final report (Mẫu 04): response team or reporting unit (the operating unit writes it
    /// under the circular; the team may complete it).
    case writeFinalReport = "write_final_report"
    /// Send the initial report, an update or the final report to the national coordinator (VNCERT/CC): response
    /// team or reporting unit, in any status but rejected (the final report is often sent once closed).
    case notifyNational = "notify_national"
    /// Change the TLP and the people named on the incident: response team or reporting unit, in any status.
    case manageSharing = "manage_sharing"

    /// Whether only the response team may do it.
    public var isResponseTeamOnly: Bool {
        switch self {
        case .classify, .assign, .manageTasks: true
        case .addUpdate, .addEvidence, .writeFinalReport, .notifyNational, .manageSharing: false
        }
    }

    /// The statuses in which it may be done: every open status, except the final report, which follows the
    /// response (in progress, contained, resolved).
    public var allowedStatuses: Set<IncidentStatus> {
        switch self {
        case .writeFinalReport: [.inProgress, .contained, .resolved]
        case .notifyNational: Set(IncidentStatus.allCases.filter { $0 != .rejected })
        case .manageSharing: Set(IncidentStatus.allCases)
        case .classify, .assign, .manageTasks, .addUpdate, .addEvidence: Set(IncidentStatus.allCases.filter(\.isOpen))
        }
    }

    public var vietnamese: String {
        switch self {
        case .classify: "phân loại sự cố (mức độ, loại)"
        case .assign: "phân công xử lý"
        case .manageTasks: "quản lý nhiệm vụ"
        case .addUpdate: "cập nhật tình hình"
        case .addEvidence: "bổ sung chứng cứ"
        case .writeFinalReport: "lập báo cáo kết thúc ứng phó sự cố"
        case .notifyNational: "gửi báo cáo tới VNCERT/CC"
        case .manageSharing: "thay đổi mức chia sẻ (TLP) và người được xem"
        }
    }

    public var english: String {
        switch self {
        case .classify: "classify the incident (severity, category)"
        case .assign: "assign people"
        case .manageTasks: "manage tasks"
        case .addUpdate: "add a situation update"
        case .addEvidence: "add evidence"
        case .writeFinalReport: "write the final report"
        case .notifyNational: "send a report to VNCERT/CC"
        case .manageSharing: "change the sharing (TLP) and who may see it"
        }
    }
}
