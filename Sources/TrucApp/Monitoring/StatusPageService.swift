import Fluent
import Foundation
import Vapor

/// The opt-in public status page of a unit.
enum StatusPageService {
    static func set(_ unit: OrgUnit, isPublic: Bool, by principal: Principal, on db: any Database) async throws {
        let before = unit.statusPagePublic ?? false
        unit.statusPagePublic = isPublic
        try await db.transaction { tx in
            try await unit.save(on: tx)
            try await Audit.record("unit.status_page", entity: "unit", id: unit.id?.uuidString, unitID: unit.id,
                                   before: ["statusPagePublic": before], after: ["statusPagePublic": isPublic], by: principal, on: tx)
        }
    }
}
