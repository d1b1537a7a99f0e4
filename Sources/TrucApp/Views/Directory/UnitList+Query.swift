import Fluent
import Foundation
import TrucCore

extension UnitList.Model {
    static func query(for principal: Principal, q: String?, paging: Paging, on db: any Database) async throws -> Self {
        let query = OrgUnit.query(on: db).with(\.$parent).sort(\.$name)
        if let readable = principal.policy.units(with: .read) { query.filter(\.$id ~~ Array(readable)) }
        if let q, !q.isEmpty {
            query.group(.or) { $0.filter(\.$name, .custom("LIKE"), "%\(q)%").filter(\.$code, .custom("LIKE"), "%\(q)%") }
        }
        let page = try await query.page(paging)
        let rows = try page.items.map { u in
            Row(id: try u.requireID(), code: u.code, name: u.name, kind: u.kind, parentName: u.parent?.name)
        }
        var choices: [ParentChoice]?
        if principal.isCoordinator {
            choices = try await OrgUnit.query(on: db).sort(\.$name).all().map { ParentChoice(id: try $0.requireID(), name: $0.name) }
        }
        return Self(rows: rows, metadata: page.metadata, q: q, parentChoices: choices)
    }
}
