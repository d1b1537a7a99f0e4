import Fluent
import Foundation
import SQLKit
import TrucCore
import TrucNet
import Vapor

/// Due syncs inside `serve`: every `tick` seconds each instance looks for enabled sources whose next run is due and
/// runs them (each under its own lease, so with several instances exactly one runs a source). Runs that an instance
/// left unfinished (stopped or crashed) are marked interrupted once their lease has expired.
final class FeedSyncScheduler: LifecycleHandler, @unchecked Sendable {
    static let tickSeconds: UInt64 = 30
    private var task: Task<Void, Never>?
    let owner = "feeds-" + UUID().uuidString

    func didBootAsync(_ app: Application) async throws {
        guard app.config.serving, app.config.feedSync else { return }
        let owner = self.owner
        let logger = app.logger
        task = Task {
            try? await Task.sleep(for: .seconds(5))
            while !Task.isCancelled {
                do {
                    let service = await FeedSyncScheduler.service(app: app, owner: owner, trigger: .schedule)
                    try await Self.tick(service: service, now: Date())
                } catch {
                    logger.error("feed sync: \(String(describing: error))")
                }
                try? await Task.sleep(for: .seconds(Self.tickSeconds))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
        task = nil
    }

    /// The service of this app's instance, with the province's outbound guard (or the operator's, for `--url`).
    static func service(app: Application, owner: String, trigger: FeedRun.Trigger, operatorURL: Bool = false,
                        progress: @escaping @Sendable (String) -> Void = { _ in }) async -> FeedSyncService {
        let guardian = operatorURL ? app.outbound.operatorGuard() : await app.outbound.provinceGuard()
        let env = FeedSyncEnvironment(db: app.db, zone: app.config.timeZone,
                                      fetcher: FeedFetcher(clients: app.outbound.feedClients, outbound: guardian),
                                      limiters: app.feedRateLimiters, logger: app.logger, progress: progress)
        return FeedSyncService(env: env, owner: owner)
    }

    /// Runs the due sources (concurrently: NVD's first load must not hold KEV back); returns the runs made.
    @discardableResult
    static func tick(service: FeedSyncService, now: Date) async throws -> [FeedRun] {
        let db = service.env.db
        try await markInterrupted(now: now, on: db)
        let due = try await FeedSource.query(on: db)
            .group(.or) { either in
                either.filter(\.$runRequestedAt != nil)
                    .group(.and) { $0.filter(\.$enabled == true).filter(\.$nextRunAt <= now) }
            }
            .sort(\.$nextRunAt).all()
        return try await withThrowingTaskGroup(of: FeedRun?.self) { group in
            for source in due {
                group.addTask {
                    let trigger: FeedRun.Trigger = source.runRequestedAt == nil ? .schedule : .web
                    if case .ran(let run) = try await service.run(source, trigger: trigger) { return run }
                    return nil
                }
            }
            var runs: [FeedRun] = []
            for try await run in group { if let run { runs.append(run) } }
            return runs
        }
    }

    /// Closes runs left open by an instance that stopped: their source's lease is free or expired.
    static func markInterrupted(now: Date, on db: any Database) async throws {
        let open = try await FeedRun.query(on: db).filter(\.$finishedAt == nil)
            .filter(\.$startedAt < now.addingTimeInterval(-FeedSyncService.leaseSeconds)).all()
        for run in open {
            let lease = try await JobLease.find(FeedSyncService.leaseName(run.$source.id), on: db)
            if let lease, lease.leaseUntil > now { continue }
            run.finishedAt = now
            run.error = "interrupted: the instance stopped during the run (the next run resumes where it stopped)"
            try await run.save(on: db)
        }
    }
}

struct FeedRateLimitersKey: StorageKey {
    typealias Value = FeedRateLimiters
}

extension Application {
    /// The process's feed rate limiters (shared by every sync run).
    var feedRateLimiters: FeedRateLimiters {
        guard let limiters = storage[FeedRateLimitersKey.self] else { preconditionFailure("configure() sets the feed rate limiters") }
        return limiters
    }
}
