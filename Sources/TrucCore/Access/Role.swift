/// A person's role within a unit. Roles held on a unit apply to that unit and every unit below it.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    /// Điều phối cấp tỉnh: sees and manages everything.
    case coordinator
    /// Quản trị đơn vị: manages the unit's people, contacts and roster, reports on campaigns.
    case unitAdmin = "unit_admin"
    /// Cán bộ trực: reads the unit, acknowledges and reports campaign items.
    case dutyOfficer = "duty_officer"
    /// Thành viên Đội ƯCSC: reads the unit, reports; sees who is on duty province-wide.
    case responder
    /// Kiểm toán: read-only, including the audit log.
    case auditor

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    public var vietnamese: String {
        switch self {
        case .coordinator: "Điều phối cấp tỉnh"
        case .unitAdmin: "Quản trị đơn vị"
        case .dutyOfficer: "Cán bộ trực"
        case .responder: "Thành viên Đội ƯCSC"
        case .auditor: "Kiểm toán (chỉ xem)"
        }
    }

    public var english: String {
        switch self {
        case .coordinator: "Provincial coordinator"
        case .unitAdmin: "Unit administrator"
        case .dutyOfficer: "Duty officer"
        case .responder: "Response-team member"
        case .auditor: "Auditor (read-only)"
        }
    }
}
