import Fluent
import Foundation
import TrucCore

extension ScanHistory.Model {
    static func query(unit: OrgUnit, principal: Principal, paging: Paging, maxBytes: Int = 100 * 1_048_576,
                      on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let page = try await ScanImport.history(unitID: unitID, on: db).page(paging)
        return Self(unit: unit, scans: page.items, metadata: page.metadata,
                    canImport: principal.policy.allows(.manageInventory, on: unitID), maxMegabytes: maxBytes / 1_048_576)
    }
}
