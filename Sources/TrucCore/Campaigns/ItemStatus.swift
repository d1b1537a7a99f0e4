/// A unit's answer to one checklist item of a campaign.
public enum ItemStatus: String, Codable, CaseIterable, Sendable {
    case done
    case notApplicable = "not_applicable"
    case problem

    public var vietnamese: String {
        switch self {
        case .done: "Đã thực hiện"
        case .notApplicable: "Không áp dụng"
        case .problem: "Có vướng mắc"
        }
    }

    public var english: String {
        switch self {
        case .done: "Done"
        case .notApplicable: "Not applicable"
        case .problem: "Problem"
        }
    }
}
