import Fluent
import Vapor

/// The audit log, for coordinators and auditors.
struct AuditAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/audit", summary: "Audit log (coordinators, auditors), newest first", tag: "Audit",
              query: APIOperation.paging + AuditLog.filters, reply: .page("AuditEntry"))
    }

    static let operations: [APIOperation] = [API.list]

    func list(req: Request) async throws -> Page<AuditEntryDTO> {
        let page = try await AuditLog.query(req).page(req.paging())
        return Page(items: try await AuditLog.dtos(page.items, for: try req.requirePrincipal(), on: req.db), metadata: page.metadata)
    }
}

enum AuditLog {
    static let filters: [APIOperation.Param] = [
        .init(name: "unitID", description: "Only changes to this unit's data"),
        .init(name: "action", description: "Action prefix, e.g. 'campaign' or 'shift.delete'"),
        .init(name: "actorID", description: "Only changes by this person"),
    ]

    /// Entries the caller may read: all for coordinators; auditors see their units' entries
    /// (and province-wide entries when they audit a top-level unit).
    static func query(_ req: Request) throws -> QueryBuilder<AuditEntry> {
        let principal = try req.requirePrincipal()
        guard principal.policy.mayViewAudit else { throw Abort(.forbidden, reason: "Only coordinators and auditors may read the audit log.") }
        let query = AuditEntry.query(on: req.db).sort(\.$at, .descending)
        if let units = principal.policy.units(with: .viewAudit) {
            let topLevel = units.contains { principal.policy.tree.parent[$0] == nil }
            query.group(.or) { group in
                group.filter(\.$unitID ~~ Array(units).map(Optional.some))
                if topLevel { group.filter(\.$unitID == nil) }
            }
        }
        if let unit = req.query[String.self, at: "unitID"], !unit.isEmpty {
            guard let id = UUID(uuidString: unit) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
            query.filter(\.$unitID == id)
        }
        if let actor = req.query[String.self, at: "actorID"], !actor.isEmpty {
            guard let id = UUID(uuidString: actor) else { throw Abort(.badRequest, reason: "actorID must be a UUID") }
            query.filter(\.$actorID == id)
        }
        if let action = req.query[String.self, at: "action"], !action.isEmpty {
            query.filter(\.$action, .custom("LIKE"), "\(action)%")
        }
        return query
    }
}
