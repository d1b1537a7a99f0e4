import Fluent
import TrucCore
import Vapor

/// /api/v1/settings/backups: the schedule of backups (every how many hours, how many kept) and the newest scheduled
/// backups with their outcome. Coordinator only; changes are audited.
struct BackupAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let show = APIOperation(method: .GET, path: "/api/v1/settings/backups",
              summary: "The backup schedule and the newest scheduled backups (coordinator)", tag: "Backups",
              reply: .json("BackupSettings"))
        static let update = APIOperation(method: .PUT, path: "/api/v1/settings/backups",
              summary: "Change how often backups are made (1-720 h) and how many are kept (1-365) (coordinator)", tag: "Backups",
              body: .json("BackupSettingsInput"), reply: .json("BackupSettings"))
    }

    static let operations: [APIOperation] = [API.show, API.update]

    func show(req: Request) async throws -> BackupSettingsDTO {
        _ = try req.requireCoordinator()
        return BackupSettingsDTO.make(try await BackupSettings.load(on: req.db), config: req.application.config,
                                      runs: try await BackupSettings.recentRuns(on: req.db))
    }

    func update(req: Request) async throws -> BackupSettingsDTO {
        let principal = try req.requireCoordinator()
        let input = try req.input(BackupSettingsInput.self)
        let policy = try await BackupSettings.update(input, by: principal, on: req.db)
        return BackupSettingsDTO.make(policy, config: req.application.config, runs: try await BackupSettings.recentRuns(on: req.db))
    }
}
