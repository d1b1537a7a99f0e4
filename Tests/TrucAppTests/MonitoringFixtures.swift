import Fluent
import Foundation
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

/// Probe results chosen by the test, per monitor (or one default for all).
final class ScriptedProbes: ProbeRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [UUID: ProbeOutcome] = [:]
    private var fallback: ProbeOutcome
    private var counts: [UUID: Int] = [:]

    init(_ fallback: ProbeOutcome = .up) { self.fallback = fallback }

    func set(_ outcome: ProbeOutcome, for id: UUID? = nil) {
        lock.withLock {
            if let id { outcomes[id] = outcome } else { fallback = outcome; outcomes = [:] }
        }
    }

    func calls(_ id: UUID) -> Int { lock.withLock { counts[id] ?? 0 } }
    var totalCalls: Int { lock.withLock { counts.values.reduce(0, +) } }

    func probe(_ check: ClaimedCheck) async -> ProbeResult {
        let outcome = lock.withLock {
            counts[check.monitorID, default: 0] += 1
            return outcomes[check.monitorID] ?? fallback
        }
        switch outcome {
        case .up: return ProbeResult(outcome: .up, latencyMs: 12)
        case .degraded: return ProbeResult(outcome: .degraded, latencyMs: 1500, message: "slow: 1500 ms > 1000 ms")
        case .down: return ProbeResult(outcome: .down, latencyMs: 3, message: "connection refused")
        }
    }
}

/// Helpers for the monitoring tests: monitors through the API, a scheduler on a test clock, a dispatcher that
/// sends to a local SMTP sink.
enum MonitoringFixture {
    static let group = MultiThreadedEventLoopGroup.singleton

    /// Creates a monitor of `unit` through the API (as `by`) and returns its id.
    static func monitor(_ w: TestWorld, unit: OrgUnit? = nil, by: Person? = nil, name: String = "Cổng thông tin",
                        kind: String = "http", target: String = "http://127.0.0.1:9/", retries: Int = 1,
                        timeoutSeconds: Double? = nil, extra: String = "") async throws -> UUID {
        var id: UUID?
        let timeout = timeoutSeconds.map { #", "timeoutSeconds": \#($0)"# } ?? ""
        let body = #"{"name": "\#(name)", "kind": "\#(kind)", "target": "\#(target)", "retries": \#(retries)\#(timeout)\#(extra)}"#
        try await w.app.testing().test(.POST, "/api/v1/units/\((unit ?? w.deptA).id!)/monitors", headers: w.bearer(by ?? w.adminA),
                                       beforeRequest: RosterFixture.json(body), afterResponse: { res async throws in
            #expect(res.status == .created, "\(res.body.string)")
            id = try res.content.decode(MonitorDTO.self).id
        })
        return try #require(id)
    }

    /// A moment after every test-clock alert of a test (for sending deliveries).
    static var later: Date { Date().addingTimeInterval(600) }

    static func scheduler(_ w: TestWorld, _ probes: any ProbeRunning, owner: String = "test-a") -> MonitorScheduler {
        MonitorScheduler(db: w.db, runner: probes, alerts: AlertRouter(timeZone: w.app.config.timeZone), owner: owner)
    }

    /// The next instant at which every monitor is due, as a test clock: the first call is a little over an
    /// interval from now, then each call steps one interval.
    struct Clock {
        var now = Date().addingTimeInterval(61)
        mutating func tick(_ seconds: TimeInterval = 60) -> Date {
            defer { now = now.addingTimeInterval(seconds) }
            return now
        }
    }

    /// SMTP to `sink` (none configured when nil) and webhooks over the app's HTTP client.
    static func transport(_ w: TestWorld, sink: SMTPSink?) -> NetworkAlertTransport {
        let smtp = sink.map { SMTPSettings(host: "127.0.0.1", port: $0.port, security: .none, heloName: "test", timeout: .seconds(5)) }
        return NetworkAlertTransport(smtp: smtp, mailFrom: MailAddress(name: "Trực ATTT", address: "truc@test.vn"),
                                     group: group, outbound: w.app.outbound)
    }

    static func dispatcher(_ w: TestWorld, sink: SMTPSink?, owner: String = "test-a") -> AlertDispatcher {
        AlertDispatcher(owner: owner, transport: transport(w, sink: sink), publicURL: "http://truc.test", timeZone: w.app.config.timeZone)
    }

    /// Puts `person` on duty for `unit` from an hour ago for a day.
    static func onDuty(_ w: TestWorld, _ person: Person, unit: OrgUnit) async throws {
        try await DutyShift(unitID: unit.id!, campaignID: nil, personID: person.id!, startsAt: Date().addingTimeInterval(-3600),
                            endsAt: Date().addingTimeInterval(86400), role: .technical).create(on: w.db)
    }

    /// A monitor of Sở A with an alert, a maintenance window and a webhook (for the cross-unit sweeps).
    static func deptAMonitoring(_ w: TestWorld) async throws -> (monitor: UUID, alert: UUID, window: UUID, webhook: UUID) {
        let monitor = try await self.monitor(w, retries: 0)
        try await scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
        let alert = try #require(try await alerts(w, monitor: monitor).first)
        let window = MaintenanceWindowRecord()
        window.id = UUID()
        window.unitID = w.deptA.id!
        window.monitorID = monitor
        window.startsAt = Date().addingTimeInterval(86400)
        window.endsAt = Date().addingTimeInterval(90000)
        window.reason = "Bảo trì"
        try await window.create(on: w.db)
        let hook = Webhook()
        hook.id = UUID()
        hook.$unit.id = w.deptA.id!
        hook.name = "SOC"
        hook.url = "https://soc.example.gov.vn/hook"
        hook.secret = "s3cret"
        hook.includeSubunits = false
        hook.enabled = true
        try await hook.create(on: w.db)
        return (monitor, alert.id!, window.id!, hook.id!)
    }

    static func alerts(_ w: TestWorld, monitor: UUID) async throws -> [MonitorAlert] {
        try await MonitorAlert.query(on: w.db).filter(\.$monitor.$id == monitor).sort(\.$raisedAt).all()
    }

    static func deliveries(_ w: TestWorld, alert: MonitorAlert) async throws -> [AlertDelivery] {
        try await AlertDelivery.query(on: w.db).filter(\.$alert.$id == alert.id!).sort(\.$createdAt).all()
    }

    static func resultCount(_ w: TestWorld, monitor: UUID) async throws -> Int {
        let sql = try #require(w.db as? any SQLDatabase)
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM check_results WHERE monitor_id = \(bind: monitor)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
