import AsyncKit
import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// A probe that runs until its task is cancelled (or 30 s pass), then answers "down: cancelled", as a real probe
/// cut short by a stop used to.
final class HangingProbes: ProbeRunning, Sendable {
    private let started = NIOLockedValueBox(0)
    var startedCount: Int { started.withLockedValue { $0 } }

    func probe(_ check: ClaimedCheck) async -> ProbeResult {
        started.withLockedValue { $0 += 1 }
        try? await Task.sleep(for: .seconds(30))
        return .down("cancelled")
    }
}

/// A transport whose sending hangs until its task is cancelled, then fails as a cut connection would.
struct HangingTransport: AlertTransport {
    let sends = NIOLockedValueBox(0)
    var mailFrom: MailAddress { MailAddress(name: "Trực ATTT", address: "truc@test.vn") }

    func sendMail(_ message: MailMessage) async throws {
        sends.withLockedValue { $0 += 1 }
        try await Task.sleep(for: .seconds(30))
    }

    func postWebhook(url: URL, body: [UInt8], secret: String, eventID: String, eventType: String, unitID: UUID) async -> WebhookDeliveryResult {
        sends.withLockedValue { $0 += 1 }
        try? await Task.sleep(for: .seconds(30))
        return WebhookDeliveryResult(success: false, statusCode: nil, message: "cancelled", retryable: true)
    }
}

/// A transport that sends every e-mail at once, but runs `steal` during the first one.
final class StealingTransport: AlertTransport, Sendable {
    let sent = NIOLockedValueBox(0)
    let steal: @Sendable (MailMessage) async throws -> Void
    init(steal: @escaping @Sendable (MailMessage) async throws -> Void) { self.steal = steal }
    var mailFrom: MailAddress { MailAddress(name: "Trực ATTT", address: "truc@test.vn") }

    func sendMail(_ message: MailMessage) async throws {
        if sent.withLockedValue({ $0 += 1; return $0 }) == 1 { try await steal(message) }
    }

    func postWebhook(url: URL, body: [UInt8], secret: String, eventID: String, eventType: String, unitID: UUID) async -> WebhookDeliveryResult {
        WebhookDeliveryResult(success: true, statusCode: 200, message: "", retryable: false)
    }
}

/// Issue 12: monitoring that never cries wolf and loses nothing under faults.
@Suite("Monitoring under faults", .serialized)
struct MonitoringFaultTests {
    typealias F = MonitoringFixture

    /// Inserts `count` HTTP monitors of Sở A aimed at `target` (bulk SQL, as the benchmark does), due at `due`.
    static func bulkMonitors(_ w: TestWorld, count: Int, target: (Int) -> String, timeoutMs: Int = 5000,
                             interval: Int = 60, retries: Int = 0, due: Date) async throws -> [UUID] {
        let sql = try #require(w.db as? any SQLDatabase)
        let tracker = MonitorJSON.text(MonitorStateTracker())
        let settings = MonitorJSON.text(MonitorSettings())
        var ids: [UUID] = []
        var rows: [[any SQLExpression]] = []
        for index in 0..<count {
            let id = UUID()
            ids.append(id)
            rows.append([SQLBind(id), SQLBind(w.deptA.id!), SQLBind("M\(index)"), SQLBind(MonitorKind.http.rawValue), SQLBind(target(index)),
                         SQLBind(settings), SQLBind(interval), SQLBind(timeoutMs), SQLBind(retries), SQLBind(true), SQLBind(false),
                         SQLBind(MonitorState.pending.rawValue), SQLBind(tracker), SQLBind(due), SQLBind(Date()), SQLBind(Date())])
        }
        for chunk in rows.chunked(200) {
            try await sql.insert(into: Monitor.schema)
                .columns("id", "unit_id", "name", "kind", "target", "settings", "interval_s", "timeout_ms", "retries", "enabled",
                         "is_public", "state", "tracker", "next_due_at", "created_at", "updated_at")
                .rows(Array(chunk)).run()
        }
        return ids
    }

    static func resultTimes(_ w: TestWorld, monitor: UUID) async throws -> [Date] {
        let sql = try #require(w.db as? any SQLDatabase)
        return try await sql.raw("SELECT at FROM check_results WHERE monitor_id = \(bind: monitor) ORDER BY at")
            .all().map { try $0.decode(column: "at", as: Date.self) }
    }

    // MARK: - Stopping

    @Test(arguments: TestDatabase.available)
    func stoppingMidCheckRecordsNothingAndGivesUpTheLease(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            let due = Date().addingTimeInterval(-1)
            try await Monitor.query(on: w.db).filter(\.$id == id).set(\.$nextDueAt, to: due).update()
            let probes = HangingProbes()
            let scheduler = MonitorScheduler(db: w.db, runner: probes, alerts: AlertRouter(timeZone: w.app.config.timeZone),
                                             owner: "stopping", pollInterval: .milliseconds(20), flushInterval: .milliseconds(20))
            let task = Task { await scheduler.run() }
            for _ in 0..<3000 where probes.startedCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(probes.startedCount == 1)
            #expect(try await Monitor.find(id, on: w.db)?.leaseOwner == "stopping")
            task.cancel()   // what SIGTERM does to the runtime's tasks
            await task.value
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(try await F.resultCount(w, monitor: id) == 0, "no result from the cancellation")
            #expect(try await F.alerts(w, monitor: id).isEmpty, "no alert from the cancellation")
            #expect(monitor.state == .pending && monitor.lastCheckedAt == nil)
            #expect(monitor.leaseOwner == nil && monitor.leaseUntil == nil, "the lease is given up")
            #expect(abs(monitor.nextDueAt.timeIntervalSince(due)) < 1, "still due: the next instance checks it in its slot")
            #expect(await scheduler.stats.probes == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deliveriesInFlightWhenStoppingGoBackToTheQueueUncounted(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            let pending = try await F.deliveries(w, alert: alert)
            #expect(!pending.isEmpty)
            let transport = HangingTransport()
            let dispatcher = AlertDispatcher(owner: "stopping", transport: transport, publicURL: "http://truc.test",
                                             timeZone: w.app.config.timeZone)
            let task = Task { try await dispatcher.deliverDue(now: F.later, on: w.db) }
            for _ in 0..<3000 where transport.sends.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            task.cancel()
            let report = try await task.value
            #expect(report.released == pending.count && report.sent == 0 && report.retrying == 0 && report.failed == 0)
            for delivery in try await F.deliveries(w, alert: alert) {
                #expect(delivery.status == .pending)
                #expect(delivery.attempts == 0, "the cut attempt is not counted")
                #expect(delivery.leaseOwner == nil)
                #expect(delivery.lastError == nil)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeliveryWhoseLeaseWasTakenDuringALongBatchIsNotSentTwice(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            try await F.onDuty(w, w.adminA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            #expect(try await F.deliveries(w, alert: alert).count >= 2)
            // The first e-mail takes so long that the other deliveries' leases lapse and instance "b" takes them.
            let sql = try #require(w.db as? any SQLDatabase)
            let transport = StealingTransport(steal: { message in
                // Message-ID is "<delivery id@truc-attt>": every other delivery of "a" goes to "b".
                let sending = try #require(UUID(uuidString: String(message.messageID.drop(while: { $0 == "<" }).prefix(36))))
                try await sql.raw("UPDATE alert_deliveries SET lease_owner = 'b' WHERE lease_owner = 'a' AND id <> \(bind: sending)").run()
            })
            let dispatcher = AlertDispatcher(owner: "a", transport: transport, publicURL: "http://truc.test", timeZone: w.app.config.timeZone)
            let report = try await dispatcher.deliverDue(now: F.later, on: w.db)
            #expect(transport.sent.withLockedValue { $0 } == 1, "only the delivery whose lease was still held")
            #expect(report.sent == 1)
            let owners = try await F.deliveries(w, alert: alert).map(\.leaseOwner)
            #expect(owners.filter { $0 == "b" }.count == owners.count - 1, "the others are left to their new owner")
        }
    }

    // MARK: - Many monitors of one host

    @Test func threeHundredMonitorsOfOneSlowHostGiveNoFalseDowns() async throws {
        try await withWorld(.sqlite) { w in
            // Every answer takes 1 s; each check may take 5 s. With 8 connections per host (the old limit) most
            // of them timed out while waiting for a connection.
            let http = try await LoopbackHTTPServer.start(group: F.group) { _ in (status: 200, body: "ok", delayMs: 1000) }
            let ids = try await Self.bulkMonitors(w, count: 300, target: { http.url(path: "/page/\($0)").absoluteString },
                                                  timeoutMs: 5000, due: Date())
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            let scheduler = F.scheduler(w, runner)
            let completed = try await scheduler.runDueChecks(now: Date().addingTimeInterval(1))
            #expect(completed.count == ids.count)
            let down = completed.filter { !$0.result.notChecked && $0.result.outcome == .down }
            #expect(down.isEmpty, "false downs: \(down.prefix(3).map(\.result.message))")
            #expect(completed.allSatisfy { !$0.result.notChecked })
            for item in completed.prefix(5) {
                // The target's answer time, not our queue: about the 1 s the server waits.
                #expect((item.result.latencyMs ?? 0) >= 900)
                #expect(item.result.connectMs != nil)
            }
            #expect(try await MonitorAlert.query(on: w.db).count() == 0)
            #expect(try await Monitor.query(on: w.db).filter(\.$state == .up).count() == ids.count)
            try await runner.shutdown()
            await http.stop()
        }
    }

    @Test func aCheckThatCannotStartWithinItsTimeoutIsNotCheckedNotDown() async throws {
        try await withWorld(.sqlite) { w in
            let http = try await LoopbackHTTPServer.start(group: F.group) { _ in (status: 200, body: "ok", delayMs: 500) }
            // 24 checks, at most 3 of this host at once, each answer 0.5 s, timeout 2 s: about twelve run (places
            // come free every 0.5 s), the others cannot get a place in time. A slower machine only skips more.
            let ids = try await Self.bulkMonitors(w, count: 24, target: { http.url(path: "/\($0)").absoluteString },
                                                  timeoutMs: 2000, due: Date())
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound, maxConnectionsPerHost: 3)
            let scheduler = F.scheduler(w, runner)
            let now = Date().addingTimeInterval(1)
            let completed = try await scheduler.runDueChecks(now: now)
            let skipped = completed.filter(\.result.notChecked)
            let checked = completed.filter { !$0.result.notChecked }
            #expect(!skipped.isEmpty && !checked.isEmpty)
            #expect(checked.allSatisfy { $0.result.outcome == .up }, "no down from waiting: \(checked.map(\.result.message))")
            for item in skipped {
                let monitor = try #require(try await Monitor.find(item.check.monitorID, on: w.db))
                #expect(monitor.state == .pending && monitor.lastCheckedAt == nil, "no state change")
                #expect(monitor.leaseOwner == nil)
                #expect(monitor.nextDueAt > now, "waits for its next slot")
                #expect(try await F.resultCount(w, monitor: item.check.monitorID) == 0, "no result")
            }
            #expect(skipped.count + checked.count == ids.count)
            try await runner.shutdown()
            await http.stop()
        }
    }

    // MARK: - Leases

    @Test(arguments: TestDatabase.available)
    func theChecksOfADeadInstanceComeBackWithinOneLeaseAndEverySlotHasOneResult(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let t = Date().addingTimeInterval(120).wholeSeconds()
            let ids = try await Self.bulkMonitors(w, count: 20, target: { "http://127.0.0.1:9/\($0)" }, due: t)
            // Instance "dead" claims every check at t and is killed: it never writes or renews.
            let claimed = try await MonitorClaims.claim(owner: "dead", limit: 100, now: t, leaseSeconds: MonitorScheduler.leaseSeconds, on: w.db)
            #expect(claimed.count == ids.count)
            let probes = ScriptedProbes(.down)
            let live = F.scheduler(w, probes, owner: "live")
            #expect(try await live.runDueChecks(now: t.addingTimeInterval(MonitorScheduler.leaseSeconds - 1), moveMissedSlots: true).isEmpty,
                    "held while the lease runs")
            let recovered = t.addingTimeInterval(MonitorScheduler.leaseSeconds + 1)
            #expect(try await live.runDueChecks(now: recovered, moveMissedSlots: true).count == ids.count,
                    "claimed again as soon as the short lease lapsed, within the slot")
            // Two more slots.
            try await live.runDueChecks(now: t.addingTimeInterval(60), moveMissedSlots: true)
            try await live.runDueChecks(now: t.addingTimeInterval(120), moveMissedSlots: true)
            for id in ids {
                let times = try await Self.resultTimes(w, monitor: id)
                let slots = times.map { Int($0.timeIntervalSince(t) / 60) }
                #expect(slots == [0, 1, 2], "one result in every slot: \(times)")
                let alert = try #require(try await F.alerts(w, monitor: id).first)
                #expect(alert.raisedAt.timeIntervalSince(t) < 60, "the alert came within one interval")
            }
            #expect(try await MonitorAlert.query(on: w.db).count() == ids.count, "one alert per monitor")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theLoopRenewsItsLeasesWhileAChecksRuns(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, retries: 0)
            try await Monitor.query(on: w.db).filter(\.$id == id).set(\.$nextDueAt, to: Date().addingTimeInterval(-1)).update()
            let probes = HangingProbes()
            let scheduler = MonitorScheduler(db: w.db, runner: probes, alerts: AlertRouter(timeZone: w.app.config.timeZone),
                                             owner: "renewing", pollInterval: .milliseconds(20), flushInterval: .milliseconds(20),
                                             renewInterval: .milliseconds(100))
            let task = Task { await scheduler.run() }
            for _ in 0..<3000 where probes.startedCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let first = try #require(try await Monitor.find(id, on: w.db)?.leaseUntil)
            var renewed: Date?
            for _ in 0..<600 {
                try await Task.sleep(for: .milliseconds(50))
                if let until = try await Monitor.find(id, on: w.db)?.leaseUntil, until > first.addingTimeInterval(0.05) { renewed = until; break }
            }
            task.cancel()
            await task.value
            #expect(renewed != nil, "the lease is extended while the check runs")
            #expect(probes.startedCount == 1, "a renewed lease is not claimed again")
            #expect(try await Monitor.find(id, on: w.db)?.leaseOwner == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func resultsThatFailToWriteAreKeptAndWrittenWhenTheDatabaseIsBack(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let ids = try await Self.bulkMonitors(w, count: 5, target: { "http://127.0.0.1:9/\($0)" }, due: Date().addingTimeInterval(-1))
            // The database refuses every write for the first attempts, as PostgreSQL does while it restarts.
            let failures = NIOLockedValueBox(0)
            let outage = NIOLockedValueBox(true)
            let scheduler = MonitorScheduler(db: w.db, runner: ScriptedProbes(.down), alerts: AlertRouter(timeZone: w.app.config.timeZone),
                                             owner: "outage", pollInterval: .milliseconds(20), flushInterval: .milliseconds(20),
                                             renewInterval: .milliseconds(50), beforeWrite: {
                if outage.withLockedValue({ $0 }) {
                    failures.withLockedValue { $0 += 1 }
                    throw ConnectionPoolTimeoutError.connectionRequestTimeout
                }
            })
            let task = Task { await scheduler.run() }
            for _ in 0..<3000 where failures.withLockedValue({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await scheduler.resultsUnwritten == ids.count, "kept, not dropped")
            // The leases lapse meanwhile (nobody else takes them); the retry takes them back first.
            try await Monitor.query(on: w.db).set(\.$leaseUntil, to: Date().addingTimeInterval(-1)).update()
            outage.withLockedValue { $0 = false }
            for _ in 0..<3000 {
                try await Task.sleep(for: .milliseconds(10))
                if await scheduler.resultsUnwritten == 0 { break }
            }
            task.cancel()
            await task.value
            for id in ids {
                #expect(try await F.resultCount(w, monitor: id) == 1)
                #expect(try await F.alerts(w, monitor: id).count == 1)
            }
            #expect(await scheduler.stats.writeRetries >= 2)
            #expect(await scheduler.stats.lostLeases == 0)
        }
    }

    // MARK: - Restart

    @Test(arguments: TestDatabase.available)
    func afterEveryInstanceWasStoppedOverdueChecksAreSpreadNotRunTwice(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let now = Date().addingTimeInterval(3600).wholeSeconds()
            // Due ten minutes ago: every instance was stopped.
            let ids = try await Self.bulkMonitors(w, count: 60, target: { "http://127.0.0.1:9/\($0)" }, due: now.addingTimeInterval(-600))
            let probes = ScriptedProbes(.up)
            let scheduler = F.scheduler(w, probes)
            let first = try await scheduler.runDueChecks(now: now, moveMissedSlots: true)
            #expect(first.isEmpty, "nothing runs in a burst")
            #expect(await scheduler.stats.rescheduled == ids.count)
            let monitors = try await Monitor.query(on: w.db).filter(\.$id ~~ ids).all()
            let offsets = monitors.map { Int($0.nextDueAt.timeIntervalSince(now)) }
            #expect(offsets.allSatisfy { (0...60).contains($0) }, "each in its next slot: \(offsets)")
            #expect(Set(offsets).count >= 20, "spread over the interval by phase")
            #expect(monitors.allSatisfy { $0.leaseOwner == nil })
            // Over the next interval each runs exactly once.
            for second in 0..<60 {
                try await scheduler.runDueChecks(now: now.addingTimeInterval(Double(second)), moveMissedSlots: true)
            }
            for id in ids { #expect(probes.calls(id) == 1) }
        }
    }

    // MARK: - Readiness and outages

    @Test func readinessFollowsTheDatabaseAndAnOutageIs503NotA500() async throws {
        try await withWorld(.sqlite) { w in
            try await w.app.testing().test(.GET, "/healthz") { res async in #expect(res.status == .ok) }
            try await w.app.testing().test(.GET, "/readyz") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"ready\""))
            }
            // The database goes away: a PostgreSQL server on a port where nothing listens.
            let closed = try await ServerBootstrap(group: MonitoringFixture.group).bind(host: "127.0.0.1", port: 0).get()
            let port = closed.localAddress!.port!
            try await closed.close()
            let unreachable = SQLPostgresConfiguration(hostname: "127.0.0.1", port: port, username: "truc", password: "x",
                                                       database: "truc", tls: .disable)
            w.app.databases.use(.postgres(configuration: unreachable), as: DatabaseID(string: "unreachable"), isDefault: true)
            try await w.app.testing().test(.GET, "/healthz") { res async in #expect(res.status == .ok, "liveness stays trivial") }
            try await w.app.testing().test(.GET, "/readyz") { res async in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) == "5")
                #expect(res.body.string.contains("unavailable"))
            }
            try await w.app.testing().test(.GET, "/api/v1/units", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .serviceUnavailable, "\(res.body.string)")
                #expect(res.headers.first(name: .retryAfter) == "5")
                #expect(res.body.string.contains("try again"))
            }
            try await w.app.testing().test(.GET, "/login") { res async in
                #expect(res.status == .ok || res.status == .serviceUnavailable, "a page answers 503 or needs no database")
                #expect(res.status != .internalServerError)
            }
        }
    }
}

extension Date {
    /// Whole seconds (the schedule works in whole seconds).
    func wholeSeconds() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded()) }
}
