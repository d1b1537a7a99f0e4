import Foundation

/// Why `PersonManagement` refused an action on a person, in Vietnamese and English.
public enum ManagementRefusal: Error, Sendable, Hashable {
    /// Nobody deactivates their own account.
    case selfDeactivation
    /// The target holds a role with province-wide reach (coordinator, response team): only a coordinator may act on them.
    case provinceWideTarget(Role)
    /// The actor may not manage this unit, where the target has their home or holds a role.
    case unitNotManaged(UUID)
    /// Only a coordinator grants or withdraws this role.
    case roleReservedForCoordinator(Role)
    /// Withdrawing this role would leave the province without an active coordinator.
    case lastCoordinator

    /// Whether the refusal is about the actor's rights (403) rather than a rule of the data (422).
    public var isAuthorization: Bool {
        switch self {
        case .selfDeactivation, .lastCoordinator: false
        case .provinceWideTarget, .unitNotManaged, .roleReservedForCoordinator: true
        }
    }

    public var vietnamese: String {
        switch self {
        case .selfDeactivation:
            "Không thể tự ngừng hoạt động tài khoản của chính mình."
        case let .provinceWideTarget(role):
            "Người này giữ vai trò \(role.vietnamese) (phạm vi toàn tỉnh): chỉ Điều phối cấp tỉnh được sửa, đặt lại mật khẩu, ngừng hoạt động hay đổi vai trò của họ."
        case .unitNotManaged:
            "Người này thuộc hoặc giữ vai trò ở một đơn vị bạn không quản trị: chỉ người quản trị được mọi đơn vị của họ mới được thay đổi tài khoản này."
        case let .roleReservedForCoordinator(role):
            "Chỉ Điều phối cấp tỉnh được cấp hoặc thu hồi vai trò \(role.vietnamese)."
        case .lastCoordinator:
            "Đây là Điều phối cấp tỉnh cuối cùng còn hoạt động; hãy cấp vai trò này cho người khác trước."
        }
    }

    public var english: String {
        switch self {
        case .selfDeactivation:
            "You cannot deactivate yourself."
        case let .provinceWideTarget(role):
            "This person holds the \(role.english) role, which reaches the whole province: only a provincial coordinator may change, reset, deactivate or change the roles of this person."
        case .unitNotManaged:
            "This person belongs to, or holds a role on, a unit you do not administer: only someone who administers every one of their units may change this account."
        case let .roleReservedForCoordinator(role):
            "Only a provincial coordinator may grant or withdraw the \(role.english) role."
        case .lastCoordinator:
            "This is the last active provincial coordinator; grant the role to someone else first."
        }
    }
}
