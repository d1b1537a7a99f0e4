import Fluent
import Vapor

/// The audit log page, for coordinators and auditors.
struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuditRoute.list, use: list)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let model = try await AuditList.Model.query(req, paging: try req.paging(defaultPer: 50), for: principal)
        return AuditList.View(ctx: PageContext(req), model: model).document()
    }
}
