import Fluent
import Foundation
import TrucCore
import Vapor

/// The outbound allow-list: ranges and names that monitors, webhooks and DNS resolvers may reach although they are
/// private (or, for loopback ranges, the server itself). Everyone reads the entries of their scope; only the
/// provincial coordinator adds or removes them (audited).
struct OutboundAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.delete, use: delete)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/outbound-allow-list",
              summary: "The outbound allow-list entries the caller may see: the province's and those of units they may read",
              tag: "Outbound policy",
              query: APIOperation.paging + [.init(name: "unitID", description: "Only the province's entries and this unit's")],
              reply: .page("OutboundAllowEntry"))
        static let create = APIOperation(method: .POST, path: "/api/v1/outbound-allow-list",
              summary: "Allow a private range or name for the province or one unit (coordinator); every invalid field is listed in the 422",
              tag: "Outbound policy", body: .json("OutboundAllowInput"), reply: .created("OutboundAllowEntry"))
        static let delete = APIOperation(method: .DELETE, path: "/api/v1/outbound-allow-list/{entryID}",
              summary: "Remove an entry (coordinator); checks that need it are refused from their next connection",
              tag: "Outbound policy", reply: .noContent)
    }

    static let operations: [APIOperation] = [API.list, API.create, API.delete]

    func list(req: Request) async throws -> Page<OutboundAllowEntryDTO> {
        let principal = try req.requirePrincipal()
        var unitID: UUID?
        if let text = req.query[String.self, at: "unitID"].nonEmpty {
            guard let id = UUID(uuidString: text) else { throw BilingualError.badRequest("unitID phải là UUID.", "unitID must be a UUID.") }
            unitID = id
        }
        return try await OutboundAllowList.visible(to: principal, unitID: unitID, on: req.db).page(req.paging()).map { $0.dto() }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let input = try req.input(OutboundAllowInput.self)
        let record = try await OutboundAllowList.create(input, by: principal, context: req.application.outbound, on: req.db)
        return try MonitorAPIController.created(record.dto())
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let principal = try req.requireCoordinator()
        let record = try await OutboundAllowList.find(req)
        try await OutboundAllowList.delete(record, by: principal, context: req.application.outbound, on: req.db)
        return .noContent
    }
}
