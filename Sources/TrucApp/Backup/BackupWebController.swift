import Fluent
import TrucCore
import Vapor

/// The coordinator's backup page (/settings/backups): the schedule and the newest scheduled backups.
struct BackupWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(BackupRoute.settings, use: page)
        routes.on(BackupRoute.save, use: save)
    }

    func page(req: Request) async throws -> HTML {
        _ = try req.requireCoordinator()
        let policy = try await BackupSettings.load(on: req.db)
        let runs = try await BackupSettings.recentRuns(on: req.db)
        let model = BackupSettingsPage.Model(policy: policy, backupDirectory: req.application.config.backupDirectory, runs: runs)
        return BackupSettingsPage.View(ctx: PageContext(req), model: model).document()
    }

    func save(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let input = try req.input(BackupSettingsInput.self)
        _ = try await BackupSettings.update(input, by: principal, on: req.db)
        return req.redirect(to: BackupRoute.settings, flash: Flash(.saved))
    }
}
