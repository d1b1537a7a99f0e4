import Fluent
import Foundation
import TrucCore

extension UnitShow.Model {
    static func query(_ unit: OrgUnit, for principal: Principal, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let parent = try await unit.$parent.get(on: db)
        let children = try await OrgUnit.query(on: db).filter(\.$parent.$id == unitID).sort(\.$name).all()
        let people = try await Person.query(on: db).filter(\.$unit.$id == unitID).with(\.$roles).sort(\.$fullName).limit(500).all()
        let contacts = try await Contact.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).limit(500).all()
        func link(_ u: OrgUnit) throws -> UnitLink { UnitLink(id: try u.requireID(), name: u.name, kind: u.kind) }
        return Self(
            unit: unit, unitID: unitID, parent: try parent.map(link), children: try children.map(link),
            people: try people.map { p in
                PersonRow(id: try p.requireID(), fullName: p.fullName, isActive: p.isActive, title: p.title, phone: p.phone,
                          email: p.email, roles: p.roles.map(\.role))
            },
            contacts: contacts, manages: principal.policy.allows(.manageUnit, on: unitID), editsStructure: principal.isCoordinator,
            grantableRoles: RoleSelect.grantable(by: principal))
    }
}
