import Foundation

/// Why a change to an incident or a task was refused (`IncidentTransition`, `IncidentTask`).
/// `vietnamese` is for the interface (and is the `description`); `english` says the same for logs and the API.
public enum IncidentWorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The incident already has this status.
    case unchanged(IncidentStatus)
    /// No such change in the workflow (e.g. reported → closed).
    case notAllowed(from: IncidentStatus, to: IncidentStatus)
    /// The change exists but this person may not make it; `responseTeamOnly` tells who may.
    case forbidden(from: IncidentStatus, to: IncidentStatus, responseTeamOnly: Bool)
    /// Triage needs the severity and the category.
    case classificationRequired
    /// Closing needs the final report (Mẫu 04).
    case finalReportRequired
    /// This person may not do this.
    case actionForbidden(IncidentAction)
    /// This cannot be done while the incident has this status.
    case actionNotAllowed(IncidentAction, status: IncidentStatus)
    /// No such change of a task's status.
    case taskNotAllowed(from: IncidentTask.Status, to: IncidentTask.Status)

    public var description: String { vietnamese }

    public var vietnamese: String {
        switch self {
        case .unchanged(let status):
            "Sự cố đã ở trạng thái “\(status.vietnamese)”."
        case .notAllowed(let from, let to):
            "Không thể chuyển sự cố từ “\(from.vietnamese)” sang “\(to.vietnamese)”."
        case .forbidden(let from, let to, true):
            "Chỉ Đội ƯCSC (thành viên đội hoặc điều phối cấp tỉnh) được chuyển sự cố từ “\(from.vietnamese)” sang "
                + "“\(to.vietnamese)”."
        case .forbidden(let from, let to, false):
            "Chỉ Đội ƯCSC hoặc quản trị, cán bộ trực của đơn vị báo cáo được chuyển sự cố từ “\(from.vietnamese)” "
                + "sang “\(to.vietnamese)”."
        case .classificationRequired:
            "Cần chọn mức độ và loại sự cố khi phân loại."
        case .finalReportRequired:
            "Cần có báo cáo kết thúc ứng phó sự cố trước khi đóng sự cố."
        case .actionForbidden(let action) where action.isResponseTeamOnly:
            "Chỉ Đội ƯCSC được \(action.vietnamese)."
        case .actionForbidden(let action):
            "Chỉ Đội ƯCSC hoặc quản trị, cán bộ trực của đơn vị báo cáo được \(action.vietnamese)."
        case .actionNotAllowed(let action, let status):
            "Không thể \(action.vietnamese) khi sự cố ở trạng thái “\(status.vietnamese)”."
        case .taskNotAllowed(let from, let to):
            "Không thể chuyển nhiệm vụ từ “\(from.vietnamese)” sang “\(to.vietnamese)”."
        }
    }

    public var english: String {
        switch self {
        case .unchanged(let status):
            "The incident is already \(status.english.lowercased())."
        case .notAllowed(let from, let to):
            "An incident cannot go from “\(from.english)” to “\(to.english)”."
        case .forbidden(let from, let to, true):
            "Only the response team (its members or the provincial coordinator) may move an incident from "
                + "“\(from.english)” to “\(to.english)”."
        case .forbidden(let from, let to, false):
            "Only the response team or the reporting unit's administrators and duty officers may move an incident "
                + "from “\(from.english)” to “\(to.english)”."
        case .classificationRequired:
            "Triage needs the severity and the category."
        case .finalReportRequired:
            "The final report is needed before the incident can be closed."
        case .actionForbidden(let action) where action.isResponseTeamOnly:
            "Only the response team may \(action.english)."
        case .actionForbidden(let action):
            "Only the response team or the reporting unit's administrators and duty officers may \(action.english)."
        case .actionNotAllowed(let action, let status):
            "Cannot \(action.english) while the incident is “\(status.english)”."
        case .taskNotAllowed(let from, let to):
            "A task cannot go from “\(from.english)” to “\(to.english)”."
        }
    }
}
