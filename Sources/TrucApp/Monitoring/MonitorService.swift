import Fluent
import Foundation
import TrucCore
import Vapor

/// Creating, changing and deleting monitors, with validation (every problem listed) and the audit log.
enum MonitorService {
    /// Validates an input against the defaults (interval 60 s, timeout 10 s, 1 retry).
    static func validate(_ input: MonitorInput) throws -> ValidMonitor {
        let draft = MonitorDraft(name: input.name, kind: input.kind, target: input.target,
                                 intervalSeconds: input.intervalSeconds ?? 60, timeoutSeconds: input.timeoutSeconds ?? 10,
                                 retries: input.retries ?? 1, settings: input.settings ?? MonitorSettings())
        do {
            return try draft.validated()
        } catch {
            throw BilingualError.invalid(error.description, error.english)
        }
    }

    static func checkSystem(_ systemID: UUID?, unitID: UUID, on db: any Database) async throws {
        guard let systemID else { return }
        guard let system = try await InformationSystem.find(systemID, on: db), system.$unit.id == unitID else {
            throw BilingualError.invalid("Hệ thống thông tin không thuộc đơn vị này.", "systemID: no such information system in this unit.")
        }
    }

    static func create(unitID: UUID, input: MonitorInput, by principal: Principal, outbound: OutboundContext, on db: any Database,
                       now: Date = Date()) async throws -> Monitor {
        let valid = try validate(input)
        try await checkSystem(input.systemID, unitID: unitID, on: db)
        try await OutboundTargets.check(valid, unitID: unitID, context: outbound, on: db)
        let monitor = Monitor()
        monitor.id = UUID()
        monitor.$unit.id = unitID
        apply(valid, input, to: monitor)
        monitor.state = .pending
        monitor.stateSince = nil
        monitor.tracker = MonitorStateTracker()
        monitor.nextDueAt = SchedulePlan.firstDue(id: monitor.id!, interval: monitor.intervalSeconds, now: now)
        try await db.transaction { tx in
            try await monitor.create(on: tx)
            try await Audit.record("monitor.create", entity: "monitor", id: monitor.id?.uuidString, unitID: unitID,
                                   after: monitor.dto(), by: principal, on: tx)
        }
        return monitor
    }

    private static func apply(_ valid: ValidMonitor, _ input: MonitorInput, to monitor: Monitor) {
        monitor.$system.id = input.systemID
        monitor.name = valid.name
        monitor.kind = valid.target.kind
        monitor.target = valid.target.text
        monitor.settings = valid.settings
        monitor.intervalSeconds = valid.intervalSeconds
        monitor.timeoutMs = Int((valid.timeoutSeconds * 1000).rounded())
        monitor.retries = valid.retries
        monitor.enabled = input.enabled ?? true
        monitor.isPublic = input.isPublic ?? false
    }

    /// Replaces a monitor's definition (its target checked against the outbound policy again). A new target or kind starts its state afresh; any check in flight is
    /// dropped (its lease is broken) so an old result cannot land on the new definition.
    static func update(_ monitor: Monitor, with input: MonitorInput, by principal: Principal, outbound: OutboundContext,
                       on db: any Database, now: Date = Date()) async throws -> Monitor {
        let valid = try validate(input)
        try await checkSystem(input.systemID, unitID: monitor.$unit.id, on: db)
        try await OutboundTargets.check(valid, unitID: monitor.$unit.id, context: outbound, on: db)
        let before = monitor.dto()
        let retarget = valid.target.kind != monitor.kind || valid.target.text != monitor.target
        let reschedule = valid.intervalSeconds != monitor.intervalSeconds || (input.enabled ?? true) && !monitor.enabled
        apply(valid, input, to: monitor)
        if retarget {
            monitor.state = .pending
            monitor.stateSince = nil
            monitor.tracker = MonitorStateTracker()
            monitor.lastOutcomeCode = nil
            monitor.lastMessage = nil
            monitor.lastLatencyMs = nil
            monitor.lastConnectMs = nil
            monitor.certExpiresAt = nil
        }
        if retarget || reschedule {
            monitor.nextDueAt = SchedulePlan.firstDue(id: monitor.id!, interval: monitor.intervalSeconds, now: now)
        }
        monitor.leaseOwner = nil
        monitor.leaseUntil = nil
        try await db.transaction { tx in
            try await monitor.save(on: tx)
            try await Audit.record("monitor.update", entity: "monitor", id: monitor.id?.uuidString, unitID: monitor.$unit.id,
                                   before: before, after: monitor.dto(), by: principal, on: tx)
        }
        return monitor
    }

    static func delete(_ monitor: Monitor, by principal: Principal, on db: any Database) async throws {
        try await db.transaction { tx in
            try await Audit.record("monitor.delete", entity: "monitor", id: monitor.id?.uuidString, unitID: monitor.$unit.id,
                                   before: monitor.dto(), by: principal, on: tx)
            try await monitor.delete(on: tx)
        }
    }

    /// The monitor of the request's `monitorID`, if the caller may see its unit (404 otherwise, so nothing leaks).
    static func find(_ req: Request, _ permission: Permission = .read) async throws -> Monitor {
        guard let id = req.parameters.get("monitorID", as: UUID.self), let monitor = try await Monitor.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có giám sát này.", "No such monitor.")
        }
        try req.authorize(permission, on: monitor.$unit.id)
        return monitor
    }

    /// Figures for the monitor page: uptime over 24 h and 30 days, latency percentiles, 30 daily bars, outages.
    static func stats(_ monitor: Monitor, now: Date = Date(), timeZone: TimeZone, on db: any Database) async throws -> (MonitorStatsDTO, [MonitorCheckStore.StoredResult]) {
        let since30 = now.addingTimeInterval(-30 * 86400)
        let history = try await MonitorCheckStore.history(of: monitor.id!, since: since30, on: db)
        let dayAgo = now.addingTimeInterval(-86400)
        let recent = history.raw.filter { $0.at >= dayAgo }
        var hist24 = LatencyHistogram()
        for r in recent where r.outcome != .down { if let ms = r.latencyMs { hist24.add(Double(ms)) } }
        var hist30 = LatencyHistogram()
        var up30 = 0, degraded30 = 0, total30 = 0
        for rollup in history.rollups {
            hist30.merge(rollup.latency)
            up30 += rollup.up
            degraded30 += rollup.degraded
            total30 += rollup.total
        }
        let days = UptimeMath.dailyUptime(rollups: history.rollups, days: 30, endingAt: now, timeZone: timeZone)
        let outages = try await MonitorOutage.query(on: db).filter(\.$monitor.$id == monitor.id!)
            .sort(\.$startedAt, .descending).limit(20).all()
        let formatter = MonitorViews.dayFormatter(timeZone)
        let dto = MonitorStatsDTO(
            monitorID: monitor.id!,
            uptime24h: UptimeMath.uptimePercent(up: recent.filter { $0.outcome == .up }.count,
                                                degraded: recent.filter { $0.outcome == .degraded }.count, total: recent.count),
            uptime30d: UptimeMath.uptimePercent(up: up30, degraded: degraded30, total: total30),
            latencyP50Ms24h: hist24.percentile(50), latencyP95Ms24h: hist24.percentile(95), latencyP99Ms24h: hist24.percentile(99),
            latencyP50Ms30d: hist30.percentile(50), latencyP99Ms30d: hist30.percentile(99),
            checks24h: recent.count,
            days: days.map { DailyUptimeDTO(day: formatter.string(from: $0.day), uptimePercent: $0.percent) },
            outages: outages.map { $0.dto() })
        return (dto, recent)
    }
}
