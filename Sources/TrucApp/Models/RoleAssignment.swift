import Fluent
import Foundation
import TrucCore

/// A role a person holds on a unit (and so on every unit below it).
final class RoleAssignment: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "role") var role: Role
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, personID: UUID, unitID: UUID, role: Role) {
        self.id = id
        self.$person.id = personID
        self.$unit.id = unitID
        self.role = role
    }
}
