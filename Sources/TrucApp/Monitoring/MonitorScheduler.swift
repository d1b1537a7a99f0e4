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
///
/// Faults:
/// - Leases are short (`leaseSeconds`) and renewed every `renewInterval` while their checks run or wait to be
///   written, so the checks of an instance that dies are claimed by another one within one lease.
/// - A result batch that fails to write (database unreachable) is kept and written again, with backoff, once the
///   database answers; the leases that lapsed meanwhile are renewed first unless another instance took them.
/// - Stopping (task cancellation): probes cut short record nothing; finished results are written; every lease
///   still held is given up, so the next instance runs those checks in their slot. No "down" from a stop.
/// - A check whose whole slot passed before it was claimed (every instance was stopped) is moved to its next slot,
///   spreading the overdue checks over their interval instead of running them at once and again seconds later.
/// - A probe that could not start within its timeout (`ProbeResult.notChecked`) changes nothing but the due time.
actor MonitorScheduler {
    /// Identifies this instance in leases.
    nonisolated let owner: String
    let db: any Database
    let runner: any ProbeRunning
    let alerts: AlertRouter
    let maxInFlight: Int
    /// Most checks taken by one claim. Small, so that the checks falling due in one second are split between the
    /// instances polling then instead of going whole to whichever polled first.
    let claimBatch: Int
    let pollInterval: Duration
    let flushInterval: Duration
    let renewInterval: Duration
    let logger: Logger
    /// Runs before each write of results; fault-injection tests make it throw as an unreachable database would.
    let beforeWrite: (@Sendable () async throws -> Void)?
    /// A claimed check neither recorded nor renewed within this time may be claimed again by another instance.
    static let leaseSeconds: TimeInterval = 15

    private var inFlight = 0
    private var buffer: [CompletedCheck] = []
    /// Monitors whose checks this instance is running or has yet to write (never run twice at once here).
    private var held: Set<UUID> = []
    /// Results of the batch being written now.
    private var writing = 0
    private var writeFailures = 0
    private var retryWritesAt = Date.distantPast
    private(set) var stats = SchedulerStats()

    init(db: any Database, runner: any ProbeRunning, alerts: AlertRouter, owner: String = MonitorScheduler.makeOwner(),
         maxInFlight: Int = 1000, claimBatch: Int = 25, pollInterval: Duration = .milliseconds(200),
         flushInterval: Duration = .milliseconds(250), renewInterval: Duration = .seconds(5),
         logger: Logger = Logger(label: "truc.monitor"), beforeWrite: (@Sendable () async throws -> Void)? = nil) {
        self.beforeWrite = beforeWrite
        self.db = db
        self.runner = runner
        self.alerts = alerts
        self.owner = owner
        self.maxInFlight = maxInFlight
        self.claimBatch = claimBatch
        self.pollInterval = pollInterval
        self.flushInterval = flushInterval
        self.renewInterval = renewInterval
        self.logger = logger
    }

    static func makeOwner() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    // MARK: - One pass (tests, commands)

    /// Claims every check due at `now` (up to `limit`), runs them all, records the results, and returns them.
    /// With `moveMissedSlots`, checks whose whole slot had passed are moved to their next slot instead (as the
    /// loop does).
    @discardableResult
    func runDueChecks(now: Date = Date(), limit: Int = 10_000, moveMissedSlots: Bool = false) async throws -> [CompletedCheck] {
        var claimed = try await MonitorClaims.claim(owner: owner, limit: limit, now: now, leaseSeconds: Self.leaseSeconds, on: db)
        if moveMissedSlots {
            let missed = claimed.filter { MonitorClaims.missedSlot($0, now: now) }
            try await MonitorClaims.reschedule(missed, owner: owner, now: now, on: db)
            stats.rescheduled += missed.count
            claimed.removeAll { MonitorClaims.missedSlot($0, now: now) }
        }
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

    /// Runs until the task is cancelled; then writes what finished and gives up the remaining leases.
    func run() async {
        logger.info("monitor scheduler \(owner) started (up to \(maxInFlight) checks at once)")
        await withDiscardingTaskGroup { group in
            group.addTask { await self.flushLoop() }
            group.addTask { await self.renewLoop() }
            var claimFailures = 0
            while !Task.isCancelled {
                var claimedCount = 0
                // Claims are sized by this instance's free capacity, so a busy instance leaves due checks to others.
                let capacity = min(maxInFlight - inFlight, claimBatch)
                if capacity > 0 {
                    do {
                        let now = Date()
                        let claimed = try await MonitorClaims.claim(owner: owner, limit: capacity, now: now,
                                                                    leaseSeconds: Self.leaseSeconds, on: db)
                        if claimFailures > 0 {
                            logger.notice("claiming checks works again after \(claimFailures) failed attempts")
                            claimFailures = 0
                        }
                        claimedCount = claimed.count
                        let missed = claimed.filter { MonitorClaims.missedSlot($0, now: now) && !held.contains($0.monitorID) }
                        if !missed.isEmpty {
                            // On failure the leases lapse and the checks are claimed again.
                            try await MonitorClaims.reschedule(missed, owner: owner, now: now, on: db)
                            stats.rescheduled += missed.count
                        }
                        for check in claimed where !MonitorClaims.missedSlot(check, now: now) {
                            // A lease of ours that lapsed (a stall) and was claimed again by us: already running here.
                            guard held.insert(check.monitorID).inserted else { continue }
                            inFlight += 1
                            let runner = self.runner
                            group.addTask {
                                let started = Date()
                                let result = await runner.probe(check)
                                // A probe cut short by a stop says nothing about the target.
                                let cancelled = Task.isCancelled
                                await self.complete(CompletedCheck(check: check, result: result, startedAt: started, finishedAt: Date()),
                                                    cancelled: cancelled)
                            }
                        }
                    } catch {
                        claimFailures += 1
                        if claimFailures == 1 || claimFailures % 60 == 0 {
                            logger.error("claiming checks failed (\(claimFailures) times; trying again): \(String(describing: error))")
                        }
                    }
                }
                if claimFailures > 0 {
                    try? await Task.sleep(for: .seconds(min(5, claimFailures)))
                } else if claimedCount == capacity && capacity > 0 {
                    // More may be due: claim again after a pause short enough to keep up (25 checks per 2–10 ms)
                    // and long enough for the other instances' claims to come in between.
                    try? await Task.sleep(for: .milliseconds(Int.random(in: 2...10)))
                } else {
                    // Checks fall due on whole seconds. With a fixed period, the instance whose polls happen to come
                    // first after each second would take nearly all of them; a jittered period lets every instance
                    // be first as often as the others.
                    try? await Task.sleep(for: pollInterval * Double.random(in: 0.5...1.5))
                }
            }
        }
        // Every probe has returned. Write and release outside the cancelled task, so that the database calls run.
        await Task { await self.stop() }.value
        logger.info("monitor scheduler \(owner) stopped")
    }

    private func complete(_ item: CompletedCheck, cancelled: Bool) {
        inFlight -= 1
        if cancelled {
            // Not recorded; `stop` gives up its lease.
            held.remove(item.check.monitorID)
            return
        }
        stats.note(lag: item.startedAt.timeIntervalSince(item.check.dueAt), result: item.result)
        buffer.append(item)
    }

    private func flushLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: flushInterval)
            await flush()
        }
    }

    private func renewLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: renewInterval)
            guard !Task.isCancelled, !held.isEmpty else { continue }
            do {
                try await MonitorClaims.renew(owner: owner, now: Date(), leaseSeconds: Self.leaseSeconds, on: db)
            } catch {
                logger.debug("renewing leases failed: \(String(describing: error))")
            }
        }
    }

    /// Writes the buffered results. A batch that fails is kept and tried again after a backoff (1 s, 2 s, … 5 s);
    /// before that attempt the leases are renewed, taking back those that lapsed unless another instance took them
    /// (their results are then dropped by the recorder: that instance checks again).
    func flush(force: Bool = false) async {
        guard !buffer.isEmpty, force || Date() >= retryWritesAt else { return }
        let batch = buffer
        buffer = []
        writing = batch.count
        defer { writing = 0 }
        do {
            if writeFailures > 0 {
                try await MonitorClaims.renew(owner: owner, now: Date(), leaseSeconds: Self.leaseSeconds, on: db)
            }
            try await record(batch, now: Date())
            if writeFailures > 0 {
                logger.notice("wrote \(batch.count) check results after \(writeFailures) failed attempts")
                writeFailures = 0
            }
        } catch {
            buffer = batch + buffer
            writeFailures += 1
            stats.writeRetries += 1
            retryWritesAt = Date().addingTimeInterval(Double(min(5, writeFailures)))
            if writeFailures == 1 || writeFailures % 30 == 0 {
                logger.error("writing \(batch.count) check results failed (\(writeFailures) times; kept, trying again): \(String(describing: error))")
            }
        }
    }

    /// After the loop: writes the finished results (a few attempts) and gives up every lease still held.
    private func stop() async {
        for attempt in 0..<3 where !buffer.isEmpty {
            if attempt > 0 { try? await Task.sleep(for: .seconds(1)) }
            await flush(force: true)
        }
        if !buffer.isEmpty {
            logger.error("stopping with \(buffer.count) check results unwritten; their checks run again in their slot")
            buffer = []
        }
        held = []
        do {
            let released = try await MonitorClaims.releaseAll(owner: owner, on: db)
            if released > 0 { logger.info("gave up \(released) check leases on stopping") }
        } catch {
            logger.error("giving up leases failed; they lapse within \(Int(Self.leaseSeconds)) s: \(String(describing: error))")
        }
    }

    /// Records completed checks in one transaction.
    func record(_ batch: [CompletedCheck], now: Date) async throws {
        guard !batch.isEmpty else { return }
        try await beforeWrite?()
        let owner = self.owner
        let alerts = self.alerts
        let report = try await db.transaction { tx in
            try await MonitorRecorder.record(batch, owner: owner, now: now, alerts: alerts, on: tx)
        }
        for item in batch { held.remove(item.check.monitorID) }
        stats.recorded += report.recorded
        stats.lostLeases += report.lostLeases
        stats.stateChanges += report.stateChanges
        stats.alertsRaised += report.alertsRaised
    }

    func resetStats() { stats = SchedulerStats() }
    var checksInFlight: Int { inFlight }
    /// Results waiting to be written (kept through a database outage) or being written now.
    var resultsUnwritten: Int { buffer.count + writing }
}
