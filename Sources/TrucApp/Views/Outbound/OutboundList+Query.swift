import Fluent
import Foundation
import TrucCore

extension OutboundList.Model {
    static func query(for principal: Principal, paging: Paging, on db: any Database) async throws -> Self {
        let page = try await OutboundAllowList.visible(to: principal, unitID: nil, on: db).page(paging)
        let units = try await OrgUnit.query(on: db).sort(\.$code).all()
        let names = Dictionary(units.compactMap { unit in unit.id.map { ($0, "\(unit.code) — \(unit.name)") } }, uniquingKeysWith: { a, _ in a })
        return Self(entries: page.items, metadata: page.metadata, unitNames: names, units: units, canManage: principal.isCoordinator)
    }
}
