import Foundation
import TrucCore

/// The role list of the add-person and grant-role forms (duty officer proposed): only coordinators give the
/// province-wide roles.
struct RoleSelect: HTMLComponent {
    let ctx: PageContext
    let roles: [Role]

    static func grantable(by principal: Principal) -> [Role] {
        Role.allCases.filter { !PersonManagement.provinceWideRoles.contains($0) || principal.isCoordinator }
    }

    var html: HTML {
        FormField.select(ctx.t(.role), Select(name: "role", roles, selected: .dutyOfficer, value: \.rawValue, label: ctx.role)).html
    }
}
