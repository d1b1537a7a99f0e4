import Fluent
import Foundation
import SQLKit
import TrucCore
import TrucNet
import Vapor

/// Runs one source's sync: takes the source's lease (so that of several instances, and a `truc sync` at the same
/// time, exactly one runs it), records the run, dispatches to the kind's sync, and records the outcome and the next
/// run on the source.
struct FeedSyncService: Sendable {
    let env: FeedSyncEnvironment
    /// This instance's lease owner name.
    let owner: String

    static let leaseSeconds: TimeInterval = 300
    /// A failing source is tried again after 5 minutes, then 10, 20… at most its interval.
    static let firstRetryMinutes = 5

    static func leaseName(_ id: UUID) -> String { "feed-source-\(id.uuidString.lowercased())" }

    /// The outcome of `run`.
    enum Outcome: Sendable {
        case ran(FeedRun)
        /// Another instance (or command) holds the source's lease.
        case busy
    }

    /// Runs `source` now. `url` and `apiKey` override the configured ones for this run only.
    func run(_ source: FeedSource, trigger: FeedRun.Trigger, url override: URL? = nil, apiKey keyOverride: String? = nil) async throws -> Outcome {
        let id = try source.requireID()
        let db = env.db
        let lease = Self.leaseName(id)
        guard try await JobLease.acquire(lease, owner: owner, seconds: Self.leaseSeconds, now: Date(), on: db) else { return .busy }
        let owner = self.owner
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if Task.isCancelled { break }
                _ = try? await JobLease.acquire(lease, owner: owner, seconds: Self.leaseSeconds, on: db)
            }
        }
        let outcome: Result<FeedRun, any Error>
        do { outcome = .success(try await runLeased(id, trigger: trigger, url: override, apiKey: keyOverride)) } catch { outcome = .failure(error) }
        renewal.cancel()
        await renewal.value
        // Released before returning (not in a detached task), so nothing touches the database after the caller
        // has moved on.
        try? await JobLease.release(lease, owner: owner, on: db)
        return .ran(try outcome.get())
    }

    private func runLeased(_ id: UUID, trigger: FeedRun.Trigger, url override: URL?, apiKey keyOverride: String?) async throws -> FeedRun {
        let db = env.db
        // The source as it is now (its cursor may have moved since it was read).
        guard let current = try await FeedSource.find(id, on: db) else { throw FeedSyncError("the source was deleted") }
        let started = env.clock.now()
        let run = try FeedRun(source: current, trigger: trigger, startedAt: started)
        try await run.create(on: db)
        env.logger.info("feed sync \(current.kind.rawValue) \"\(current.name)\" started (\(trigger.rawValue))")
        var failure: (any Error)?
        do {
            let tally = try await dispatch(current, url: override, apiKey: keyOverride)
            run.record(tally)
        } catch {
            failure = error
            run.error = String(Self.describe(error).prefix(1000))
        }
        let finished = env.clock.now()
        run.finishedAt = finished
        try await run.save(on: db)
        try await recordOutcome(of: current, error: run.error, at: finished, on: db)
        if let failure {
            env.logger.warning("feed sync \(current.kind.rawValue) \"\(current.name)\" failed: \(Self.describe(failure))")
        } else {
            env.logger.info("feed sync \(current.kind.rawValue) \"\(current.name)\": \(run.created) new, \(run.updated) updated, \(run.unchanged) unchanged, \(run.skipped) skipped, \(run.httpCalls) HTTP call(s)")
        }
        return run
    }

    private func dispatch(_ source: FeedSource, url override: URL?, apiKey keyOverride: String?) async throws -> SyncTally {
        guard let url = override ?? URL(string: source.url) else { throw FeedSyncError("the source's address is invalid") }
        switch source.kind {
        case .nvd:
            return try await NVDSync.run(source: source, url: url, apiKey: keyOverride ?? source.apiKey, env: env)
        case .kev:
            return try await KEVSync.run(source: source, url: url, env: env)
        case .epss:
            return try await EPSSSync.run(source: source, url: url, env: env)
        case .csaf:
            return try await CSAFProviderSyncRun.run(source: source, url: url, env: env)
        }
    }

    /// Last run, error and next run on the source (only those columns: a coordinator may edit the rest meanwhile).
    private func recordOutcome(of source: FeedSource, error: String?, at finished: Date, on db: any Database) async throws {
        let failures = error == nil ? 0 : source.failures + 1
        let wait: Int
        if error == nil {
            wait = source.intervalMinutes
        } else {
            wait = min(source.intervalMinutes, Self.firstRetryMinutes << min(failures - 1, 10))
        }
        let update = VulnerabilityStore.sql(db).update(FeedSource.schema)
            .set("last_run_at", to: SQLBind(finished))
            .set("last_error", to: SQLBind(error))
            .set("failures", to: SQLBind(failures))
            .set("next_run_at", to: SQLBind(finished.addingTimeInterval(TimeInterval(wait * 60))))
            .set("run_requested_at", to: SQLLiteral.null)
        if error == nil { update.set("last_success_at", to: SQLBind(finished)) }
        try await update.where("id", .equal, SQLBind(try source.requireID())).run()
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as FeedSyncError: error.description
        case let error as FeedError: error.english
        case let error as FeedFetchError: error.description
        case is CancellationError: "stopped (the instance shut down)"
        default: String(describing: error)
        }
    }
}
