import Fluent
import Foundation
import TrucCore

extension OnDuty.Model {
    static func query(principal: Principal, all: Bool, paging: Paging, now: Date, timeZone: TimeZone,
                      on db: any Database) async throws -> Self {
        let board = try await RosterService.provinceOnDuty(for: principal, at: now, all: all, paging: paging, timeZone: timeZone, on: db)
        return Self(board: board, provinceWide: principal.policy.seesProvinceDuty, all: all, personID: principal.personID)
    }
}

extension OnDuty.UnitModel {
    static func query(unit: OrgUnit, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let board = try await RosterService.onDuty(units: [unit], restrictTo: [unitID], at: now, timeZone: timeZone, on: db)[0]
        return Self(unitID: unitID, unitName: unit.name, board: board, now: now)
    }
}
