import Fluent
import Foundation
import TrucCore

extension PersonShow.Model {
    static func query(_ person: Person, for principal: Principal, on db: any Database) async throws -> Self {
        let personID = try person.requireID()
        let unit = try await person.$unit.get(on: db)
        let roles = try await RoleAssignment.query(on: db).filter(\.$person.$id == personID).with(\.$unit).all()
        // The forms show only what the management rule allows this viewer to do to this person.
        let target = PersonManagement.Target(personID: personID, homeUnitID: person.$unit.id,
                                             grants: roles.map { AccessPolicy.Grant(unitID: $0.$unit.id, role: $0.role) })
        func may(_ action: PersonAction) -> Bool {
            PersonManagement.refusal(action, by: principal.policy, actorID: principal.personID, on: target) == nil
        }
        let othersActive = roles.contains { $0.role == .coordinator }
            ? try await PeopleService.otherActiveCoordinators(than: personID, on: db) : 0
        let tree = principal.policy.tree
        let grantable = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(tree.subtree(of: person.$unit.id))).sort(\.$name).all()
            .filter { principal.policy.allows(.manageUnit, on: $0.id!) }
        let rows = try roles.map { r in
            RoleRow(id: try r.requireID(), role: r.role, unitID: r.$unit.id, unitName: r.unit.name,
                    mayWithdraw: PersonManagement.withdrawRefusal(.init(unitID: r.$unit.id, role: r.role), by: principal.policy,
                                                                  actorID: principal.personID, from: target,
                                                                  otherActiveCoordinators: othersActive) == nil)
        }
        return Self(person: person, personID: personID, unitID: try unit.requireID(), unitName: unit.name, roles: rows,
                    mayEdit: may(.editProfile), mayGrant: may(.grantRole), mayResetPassword: may(.resetPassword),
                    grantableRoles: RoleSelect.grantable(by: principal),
                    grantUnits: try grantable.map { UnitChoice(id: try $0.requireID(), name: $0.name) })
    }
}
