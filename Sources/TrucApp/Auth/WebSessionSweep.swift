import Fluent
import Foundation
import Vapor

/// Deletes expired web sessions: idle longer than `TRUC_SESSION_IDLE_MINUTES` or older than
/// `TRUC_SESSION_MAX_HOURS`. Safe to run from several instances at once (a plain conditional DELETE); `serve`
/// runs it every few minutes under a job lease, and each sign-in runs it at most once a minute per instance.
enum WebSessionSweep {
    @discardableResult
    static func run(now: Date = Date(), config: AppConfig, on db: any Database) async throws -> Int {
        let expired = WebSession.query(on: db).group(.or) {
            $0.filter(\.$lastSeenAt < now.addingTimeInterval(-TimeInterval(config.sessionIdleSeconds)))
                .filter(\.$createdAt < now.addingTimeInterval(-TimeInterval(config.sessionMaxSeconds)))
        }
        let count = try await expired.count()
        if count > 0 { try await expired.delete() }
        return count
    }

    /// Whether a row read at `now` is past its idle or absolute lifetime.
    static func isExpired(_ session: WebSession, now: Date, config: AppConfig) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) > TimeInterval(config.sessionIdleSeconds)
            || now.timeIntervalSince(session.createdAt) > TimeInterval(config.sessionMaxSeconds)
    }
}

/// Runs the sweep in `serve`: every five minutes by the instance holding the lease, and at sign-in (at most once a
/// minute per instance), so expired rows never pile up.
actor WebSessionSweeper: LifecycleHandler {
    private var task: Task<Void, Never>?
    private var lastSignInSweep = Date.distantPast
    private let owner = "sessions-" + UUID().uuidString

    nonisolated func didBootAsync(_ app: Application) async throws {
        guard app.config.serving else { return }
        await start(db: app.db, config: app.config, logger: app.logger)
    }

    nonisolated func shutdownAsync(_ app: Application) async {
        await stop()
    }

    private func start(db: any Database, config: AppConfig, logger: Logger) {
        let owner = self.owner
        task = Task {
            while !Task.isCancelled {
                do {
                    if try await JobLease.acquire("session-sweep", owner: owner, seconds: 600, on: db) {
                        let swept = try await WebSessionSweep.run(config: config, on: db)
                        if swept > 0 { logger.info("swept \(swept) expired web session(s)") }
                    }
                } catch {
                    logger.error("session sweep: \(String(describing: error))")
                }
                try? await Task.sleep(for: .seconds(300))
            }
        }
    }

    private func stop() async {
        task?.cancel()
        await task?.value
        task = nil
    }

    /// At sign-in: sweeps unless this instance did within the last minute. Never fails the sign-in.
    func sweepIfDue(now: Date = Date(), config: AppConfig, on db: any Database, logger: Logger) async {
        guard now.timeIntervalSince(lastSignInSweep) >= 60 else { return }
        lastSignInSweep = now
        do {
            try await WebSessionSweep.run(now: now, config: config, on: db)
        } catch {
            logger.error("session sweep: \(String(describing: error))")
        }
    }
}

struct WebSessionSweeperKey: StorageKey { typealias Value = WebSessionSweeper }
