/// What kind of organisation a unit (đơn vị) is; checklist items of a campaign target unit kinds.
public enum UnitKind: String, Codable, CaseIterable, Sendable {
    /// Cơ quan nhà nước: the province itself, its departments, districts and agencies.
    case stateAgency = "state_agency"
    /// Doanh nghiệp viễn thông, Internet.
    case telecomProvider = "telecom_provider"
    /// Tổ chức, doanh nghiệp cung cấp nền tảng chuyển đổi số.
    case platformProvider = "platform_provider"
    /// Trung tâm CNTT (e.g. the IT center running the Provincial Data Integration Center).
    case itCenter = "it_center"
    /// Đội ứng cứu sự cố (incident-response team).
    case responseTeam = "response_team"

    public var vietnamese: String {
        switch self {
        case .stateAgency: "Cơ quan nhà nước"
        case .telecomProvider: "Doanh nghiệp viễn thông, Internet"
        case .platformProvider: "Doanh nghiệp nền tảng số"
        case .itCenter: "Trung tâm CNTT"
        case .responseTeam: "Đội ứng cứu sự cố"
        }
    }

    public var english: String {
        switch self {
        case .stateAgency: "State agency"
        case .telecomProvider: "Telecom / Internet provider"
        case .platformProvider: "Digital-platform provider"
        case .itCenter: "IT center"
        case .responseTeam: "Incident-response team"
        }
    }
}
