import Fluent
import Foundation
import TrucCore

extension InventoryShow.Model {
    /// `assets` is the unit's filtered asset query.
    static func query(unit: OrgUnit, principal: Principal, assets: QueryBuilder<Asset>, paging: Paging, search: String,
                      kind: String?, proposal: InventoryShow.Proposal, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let systems = try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).all()
        let page = try await assets.page(paging)
        return Self(unitID: unitID, unitName: unit.name, canManage: principal.policy.allows(.manageInventory, on: unitID),
                    systems: systems, assets: page.items, metadata: page.metadata,
                    findingCounts: try await activeFindingCounts(assetIDs: page.items.compactMap(\.id), on: db),
                    search: search, kind: kind, proposal: proposal)
    }

    static func activeFindingCounts(assetIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !assetIDs.isEmpty else { return [:] }
        let findings = try await Finding.query(on: db).filter(\.$asset.$id ~~ assetIDs)
            .filter(\.$status ~~ FindingStatus.active).all(\.$asset.$id)
        return findings.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
