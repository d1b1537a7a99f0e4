import Fluent
import Foundation
import TrucCore
import Vapor

extension ContactList.Model {
    static func query(_ req: Request, for principal: Principal) async throws -> Self {
        let page = try await ContactDirectory.query(req).with(\.$unit).page(req.paging())
        let rows = try page.items.map { c in
            Row(contact: c, id: try c.requireID(), unit: try c.unit.map { (id: try $0.requireID(), name: $0.name) },
                mayChange: c.$unit.id.map { principal.policy.allows(.manageUnit, on: $0) } ?? principal.isCoordinator)
        }
        return Self(rows: rows, metadata: page.metadata, q: req.query[String.self, at: "q"] ?? "",
                    nationalOnly: req.query[Bool.self, at: "national"] == true, rawQuery: req.url.query)
    }
}
