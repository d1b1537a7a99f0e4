import Fluent
import Foundation
import Logging
import SQLKit
import TrucCore

/// Runs the monitors' checks: claims the checks that are due (one instance per check, through a lease taken with
/// `FOR UPDATE SKIP LOCKED` on PostgreSQL), runs them concurrently up to `maxInFlight`, and records the results in
/// batches: raw result rows, the monitor's state, and on a confirmed state change an outage and an alert (in the
/// same transaction, and only while this instance still holds the lease, so an alert is raised once).
///
/// Checks are spread over their interval by `SchedulePlan` (a fixed offset per monitor), so thousands of monitors
/// with the same interval do not all start at the same second.
actor MonitorScheduler {
    /// Identifies this instance in leases.
    nonisolated let owner: String
    let db: any Database
    let runner: any ProbeRunning
    let alerts: AlertRouter
    let maxInFlight: Int
    let claimBatch: Int
    let pollInterval: Duration
    let flushInterval: Duration
    let logger: Logger
    /// A claimed check not recorded within this time may be claimed again by another instance.
    static let leaseSeconds: TimeInterval = 120

    private var inFlight = 0
    private var buffer: [CompletedCheck] = []
    private(set) var stats = SchedulerStats()

    init(db: any Database, runner: any ProbeRunning, alerts: AlertRouter, owner: String = MonitorScheduler.makeOwner(),
         maxInFlight: Int = 1000, claimBatch: Int = 500, pollInterval: Duration = .milliseconds(200),
         flushInterval: Duration = .milliseconds(250), logger: Logger = Logger(label: "truc.monitor")) {
        self.db = db
        self.runner = runner
        self.alerts = alerts
        self.owner = owner
        self.maxInFlight = maxInFlight
        self.claimBatch = claimBatch
        self.pollInterval = pollInterval
        self.flushInterval = flushInterval
        self.logger = logger
    }

    static func makeOwner() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    // MARK: - One pass (tests, commands)

    /// Claims every check due at `now` (up to `limit`), runs them all, records the results, and returns them.
    @discardableResult
    func runDueChecks(now: Date = Date(), limit: Int = 10_000) async throws -> [CompletedCheck] {
        let claimed = try await MonitorClaims.claim(owner: owner, limit: limit, now: now, leaseSeconds: Self.leaseSeconds, on: db)
        let runner = self.runner
        let completed = await withTaskGroup(of: CompletedCheck.self) { group in
            for check in claimed {
                group.addTask {
                    let started = Date()
                    let result = await runner.probe(check)
                    return CompletedCheck(check: check, result: result, startedAt: started, finishedAt: Date())
                }
            }
            var all: [CompletedCheck] = []
            for await item in group { all.append(item) }
            return all
        }
        // Results are recorded as of `now`: tests move the clock forward without waiting.
        let recorded = completed.map { item in
            var item = item
            item.startedAt = max(now, item.check.dueAt)
            item.finishedAt = item.startedAt.addingTimeInterval((item.result.latencyMs ?? 0) / 1000)
            return item
        }
        try await record(recorded, now: now)
        return recorded
    }

    // MARK: - The loop

    /// Runs until the task is cancelled.
    func run() async {
        logger.info("monitor scheduler \(owner) started (up to \(maxInFlight) checks at once)")
        await withDiscardingTaskGroup { group in
            group.addTask { await self.flushLoop() }
            while !Task.isCancelled {
                var claimedCount = 0
                let capacity = min(maxInFlight - inFlight, claimBatch)
                if capacity > 0 {
                    do {
                        let claimed = try await MonitorClaims.claim(owner: owner, limit: capacity, now: Date(),
                                                                    leaseSeconds: Self.leaseSeconds, on: db)
                        claimedCount = claimed.count
                        for check in claimed {
                            inFlight += 1
                            let runner = self.runner
                            group.addTask {
                                let started = Date()
                                let result = await runner.probe(check)
                                await self.complete(CompletedCheck(check: check, result: result, startedAt: started, finishedAt: Date()))
                            }
                        }
                    } catch {
                        logger.error("claiming checks failed: \(String(describing: error))")
                    }
                }
                if claimedCount < capacity || capacity == 0 {
                    try? await Task.sleep(for: pollInterval)
                }
            }
        }
        await flush()
        logger.info("monitor scheduler \(owner) stopped")
    }

    private func complete(_ item: CompletedCheck) {
        inFlight -= 1
        stats.note(lag: item.startedAt.timeIntervalSince(item.check.dueAt), outcome: item.result.outcome)
        buffer.append(item)
    }

    private func flushLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: flushInterval)
            await flush()
        }
    }

    func flush() async {
        guard !buffer.isEmpty else { return }
        let batch = buffer
        buffer = []
        do {
            try await record(batch, now: Date())
        } catch {
            // The leases lapse and the checks run again; nothing is half-written (one transaction).
            logger.error("recording \(batch.count) check results failed: \(String(describing: error))")
        }
    }

    /// Records completed checks in one transaction.
    func record(_ batch: [CompletedCheck], now: Date) async throws {
        guard !batch.isEmpty else { return }
        let owner = self.owner
        let alerts = self.alerts
        let report = try await db.transaction { tx in
            try await MonitorRecorder.record(batch, owner: owner, now: now, alerts: alerts, on: tx)
        }
        stats.recorded += report.recorded
        stats.lostLeases += report.lostLeases
        stats.stateChanges += report.stateChanges
        stats.alertsRaised += report.alertsRaised
    }

    func resetStats() { stats = SchedulerStats() }
    var checksInFlight: Int { inFlight }
}
