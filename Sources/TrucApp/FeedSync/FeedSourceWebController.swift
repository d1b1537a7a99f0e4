import Fluent
import Foundation
import TrucCore
import Vapor

/// The coordinator's feed sync pages (/feeds/sources): the sources, a CSAF provider added or deleted, settings
/// changed, a run asked now, and each source's runs.
struct FeedSourceWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(FeedSourceRoute.list, use: list)
        routes.on(FeedSourceRoute.create, use: create)
        routes.on(FeedSourceRoute.show(.routeKey), use: show)
        routes.on(FeedSourceRoute.update(.routeKey), use: update)
        routes.on(FeedSourceRoute.run(.routeKey), use: run)
        routes.on(FeedSourceRoute.delete(.routeKey), use: delete)
    }

    func list(req: Request) async throws -> HTML {
        _ = try req.requireCoordinator()
        let model = try await FeedSourceList.Model.query(paging: try req.paging(), scheduleOn: req.application.config.feedSync, on: req.db)
        return FeedSourceList.View(ctx: PageContext(req), model: model).document()
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let source = try await FeedSourceService.createProvider(try req.input(FeedSourceInput.self), by: principal, on: req.db)
        return req.redirect(to: FeedSourceRoute.show(try source.requireID()), flash: Flash(.feedSourceAdded))
    }

    func show(req: Request) async throws -> HTML {
        let (source, _) = try await FeedSourceService.find(req)
        let model = try await FeedSourceShow.Model.query(source, paging: try req.paging(), scheduleOn: req.application.config.feedSync, on: req.db)
        return FeedSourceShow.View(ctx: PageContext(req), model: model).document()
    }

    /// Saves the settings. A refused value shows the page again with the reason (422); a new API key is shown once
    /// on the answer, which browsers and proxies must not keep.
    func update(req: Request) async throws -> Response {
        let (source, principal) = try await FeedSourceService.find(req)
        var input = try req.input(FeedSourceInput.self)
        input.enabled = input.enabled ?? false
        let ctx = PageContext(req)
        do {
            let key = try await FeedSourceService.update(source, input, by: principal, on: req.db)
            guard let key else { return req.redirect(to: FeedSourceRoute.show(try source.requireID()), flash: Flash(.saved)) }
            let model = try await FeedSourceShow.Model.query(source, paging: .first(), scheduleOn: req.application.config.feedSync,
                                                             newKey: key, on: req.db)
            return TwoFactorWebController.noStore(try await FeedSourceShow.View(ctx: ctx, model: model).document().encodeResponse(for: req))
        } catch let error as BilingualError where error.status == .unprocessableEntity {
            guard let fresh = try await FeedSource.find(source.requireID(), on: req.db) else { throw error }
            let model = try await FeedSourceShow.Model.query(fresh, paging: .first(), scheduleOn: req.application.config.feedSync,
                                                             error: error.reason(ctx.lang), on: req.db)
            return try await FeedSourceShow.View(ctx: ctx, model: model).document().encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func run(req: Request) async throws -> Response {
        let (source, principal) = try await FeedSourceService.find(req)
        try await FeedSourceService.requestRun(source, by: principal, on: req.db)
        return req.redirect(to: FeedSourceRoute.show(try source.requireID()), flash: Flash(.feedRunRequested))
    }

    func delete(req: Request) async throws -> Response {
        let (source, principal) = try await FeedSourceService.find(req)
        try await FeedSourceService.delete(source, by: principal, on: req.db)
        return req.redirect(to: FeedSourceRoute.list, flash: Flash(.feedSourceDeleted))
    }
}
