import Fluent
import Foundation
import TrucCore

extension IncidentNew.Model {
    static func query(unit: OrgUnit, systemID: UUID?, principal: Principal, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let report = try await IncidentPrefiller.report(unit: unit, systemID: systemID, principal: principal, on: db)
        let systems = try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).all()
        return Self(unitID: unitID, unitName: unit.name, report: report, systemID: systemID,
                    systems: try systems.map { SystemOption(id: try $0.requireID(), name: $0.name) },
                    people: try await IncidentPeople.active(on: db))
    }
}

/// People offered in the assignment and named-people pickers.
enum IncidentPeople {
    static func active(on db: any Database) async throws -> [IncidentPersonDTO] {
        try await Person.query(on: db).filter(\.$isActive == true).sort(\.$fullName).limit(500).all()
            .map { IncidentPersonDTO(id: try $0.requireID(), fullName: $0.fullName, email: $0.email) }
    }
}
