import Fluent
import Foundation
import Vapor

extension Request {
    /// The unit named by a path parameter, after checking that the signed-in person may see it:
    /// 400 for a malformed id, 404 for a unit that does not exist or that they may not see.
    func findUnit(parameter: String = "unitID") async throws -> OrgUnit {
        guard let id = parameters.get(parameter, as: UUID.self) else {
            throw Abort(.badRequest, reason: "\(parameter) must be a UUID")
        }
        try authorize(.read, on: id)
        guard let unit = try await OrgUnit.find(id, on: db) else { throw Abort(.notFound, reason: "No such unit.") }
        return unit
    }
}
