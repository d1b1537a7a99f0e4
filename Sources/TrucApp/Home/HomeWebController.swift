import Fluent
import TrucCore
import Vapor

/// The overview page after sign-in.
struct HomeWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(HomeRoute.home, use: home)
    }

    func home(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let model = try await HomeShow.Model.query(for: principal, now: Date(), timeZone: req.timeZone, on: req.db)
        return HomeShow.View(ctx: PageContext(req), model: model).document()
    }
}
