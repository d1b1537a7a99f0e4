import Foundation
import TrucCore

/// A person's page: details, roles, and the forms the management rule lets the viewer use (edit, grant or
/// withdraw roles, reset the password).
enum PersonShow {}

extension PersonShow {
    struct Model {
        struct RoleRow {
            var id: UUID
            var role: Role
            var unitID: UUID
            var unitName: String
            /// The viewer may withdraw this role.
            var mayWithdraw: Bool
        }

        struct UnitChoice {
            var id: UUID
            var name: String
        }

        var person: Person
        var personID: UUID
        var unitID: UUID
        var unitName: String
        var roles: [RoleRow]
        var mayEdit: Bool
        var mayGrant: Bool
        var mayResetPassword: Bool
        var grantableRoles: [Role]
        /// Units on which the viewer may grant roles: the person's unit and those below it that the viewer manages.
        var grantUnits: [UnitChoice]
    }
}
