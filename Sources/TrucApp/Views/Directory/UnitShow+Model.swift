import Foundation
import TrucCore

/// One unit: its details, the units below it, its people and contacts, and for its managers the forms to edit it
/// and add people and contacts.
enum UnitShow {}

extension UnitShow {
    struct Model {
        struct UnitLink {
            var id: UUID
            var name: String
            var kind: UnitKind
        }

        struct PersonRow {
            var id: UUID
            var fullName: String
            var isActive: Bool
            var title: String?
            var phone: String?
            var email: String
            var roles: [Role]
        }

        var unit: OrgUnit
        var unitID: UUID
        var parent: UnitLink?
        var children: [UnitLink]
        var people: [PersonRow]
        var contacts: [Contact]
        /// The person manages the unit: edit form, add a person, add a contact.
        var manages: Bool
        /// Coordinators also change the code and kind.
        var editsStructure: Bool
        /// The roles the person may give a new person.
        var grantableRoles: [Role]
    }
}
