import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import SQLKit
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// The monitoring workflow on a test clock: state changes with confirmation, alerts routed by the duty roster,
/// escalation, acknowledgement, maintenance windows, two schedulers on one database, and e-mail to a local sink.
@Suite struct MonitoringFlowTests {
    typealias F = MonitoringFixture

    @Test(arguments: TestDatabase.available)
    func upDownUpRaisesOneAlertToTheOfficerOnDutyAndOneRecovery(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 1)
            let probes = ScriptedProbes(.up)
            let scheduler = F.scheduler(w, probes)
            var clock = F.Clock()
            try await scheduler.runDueChecks(now: clock.tick())
            var monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .up)
            #expect(try await F.alerts(w, monitor: id).isEmpty, "pending → up raises nothing")

            probes.set(.down)
            try await scheduler.runDueChecks(now: clock.tick())
            monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .up, "one failure with retries 1 is not down yet")
            try await scheduler.runDueChecks(now: clock.tick())
            monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .down)
            var alerts = try await F.alerts(w, monitor: id)
            try #require(alerts.count == 1)
            #expect(alerts[0].event == .down && alerts[0].stage == .onDuty && alerts[0].nextEscalationAt != nil)
            let deliveries = try await F.deliveries(w, alert: alerts[0])
            #expect(deliveries.map(\.recipient) == [w.officerA.email])
            let outages = try await MonitorOutage.query(on: w.db).filter(\.$monitor.$id == id).all()
            #expect(outages.count == 1 && outages[0].endedAt == nil && outages[0].cause == "connection refused")

            // Still down: no new alert.
            try await scheduler.runDueChecks(now: clock.tick())
            #expect(try await F.alerts(w, monitor: id).count == 1)

            probes.set(.up)
            try await scheduler.runDueChecks(now: clock.tick())
            monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .down, "one good answer does not end an outage")
            let recoveredAt = clock.tick()
            try await scheduler.runDueChecks(now: recoveredAt)
            monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .up)
            alerts = try await F.alerts(w, monitor: id)
            try #require(alerts.count == 2)
            #expect(alerts[0].resolvedAt != nil && alerts[0].nextEscalationAt == nil, "the down alert stops escalating")
            #expect(alerts[1].event == .up && alerts[1].previousState == .down)
            #expect(try await F.deliveries(w, alert: alerts[1]).map(\.recipient) == [w.officerA.email], "the recovery goes to whoever was told")
            let closed = try await MonitorOutage.query(on: w.db).filter(\.$monitor.$id == id).all()
            #expect(closed.count == 1 && closed[0].endedAt != nil)
            #expect(try await F.resultCount(w, monitor: id) == 6)
        }
    }

    @Test(arguments: TestDatabase.available)
    func flappingWithinTheConfirmationRaisesNoAlert(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, retries: 2)
            let probes = ScriptedProbes(.up)
            let scheduler = F.scheduler(w, probes)
            var clock = F.Clock()
            for outcome in [ProbeOutcome.up, .down, .up, .down, .down, .up, .down, .up, .degraded, .up] {
                probes.set(outcome)
                try await scheduler.runDueChecks(now: clock.tick())
            }
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .up)
            #expect(try await F.alerts(w, monitor: id).isEmpty)
            #expect(try await MonitorOutage.query(on: w.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func unacknowledgedAlertsEscalateToTheUnitAdminThenTheCoordinatorUntilAcknowledged(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            let scheduler = F.scheduler(w, ScriptedProbes(.down))
            let raisedAt = Date().addingTimeInterval(61)
            try await scheduler.runDueChecks(now: raisedAt)
            let router = AlertRouter(timeZone: w.app.config.timeZone)
            var alert = try #require(try await F.alerts(w, monitor: id).first)
            #expect(alert.stage == .onDuty)

            #expect(try await router.escalateDue(now: raisedAt.addingTimeInterval(10 * 60), on: w.db) == 0, "not before the delay")
            #expect(try await router.escalateDue(now: raisedAt.addingTimeInterval(16 * 60), on: w.db) == 1)
            alert = try #require(try await MonitorAlert.find(alert.id, on: w.db))
            #expect(alert.stage == .unitAdmin)
            #expect(try await F.deliveries(w, alert: alert).map(\.recipient) == [w.officerA.email, w.adminA.email])

            #expect(try await router.escalateDue(now: raisedAt.addingTimeInterval(32 * 60), on: w.db) == 1)
            alert = try #require(try await MonitorAlert.find(alert.id, on: w.db))
            #expect(alert.stage == .coordinator && alert.nextEscalationAt == nil, "the last stage does not escalate further")
            #expect(try await F.deliveries(w, alert: alert).map(\.recipient) == [w.officerA.email, w.adminA.email, w.coordinator.email])
        }
    }

    @Test(arguments: TestDatabase.available)
    func acknowledgingStopsEscalationAndIsAudited(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            let raisedAt = Date().addingTimeInterval(61)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: raisedAt)
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            // Another unit's admin may not; the officer on duty may.
            try await w.app.testing().test(.POST, "/api/v1/alerts/\(alert.id!)/ack", headers: w.bearer(w.adminB), afterResponse: { res async in
                #expect(res.status == .notFound)
            })
            try await w.app.testing().test(.POST, "/api/v1/alerts/\(alert.id!)/ack", headers: w.bearer(w.officerA), afterResponse: { res async throws in
                #expect(res.status == .ok)
                let dto = try res.content.decode(AlertDTO.self)
                #expect(dto.acknowledgedBy?.contains(w.officerA.email) == true && dto.nextEscalationAt == nil)
            })
            try await w.app.testing().test(.POST, "/api/v1/alerts/\(alert.id!)/ack", headers: w.bearer(w.officerA), afterResponse: { res async in
                #expect(res.status == .conflict)
            })
            let router = AlertRouter(timeZone: w.app.config.timeZone)
            #expect(try await router.escalateDue(now: raisedAt.addingTimeInterval(3600), on: w.db) == 0)
            #expect(try await RosterFixture.audits(w, "alert.acknowledge").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func withNobodyOnDutyTheUnitAdminIsToldFirst(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            #expect(alert.stage == .unitAdmin)
            #expect(try await F.deliveries(w, alert: alert).map(\.recipient) == [w.adminA.email])
            // A sub-unit without admins of its own falls back to its parent's admin.
            let sub = try await F.monitor(w, unit: w.agencyA1, name: "Chi cục", retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let subAlert = try #require(try await F.alerts(w, monitor: sub).first)
            #expect(try await F.deliveries(w, alert: subAlert).map(\.recipient) == [w.adminA.email])
        }
    }

    @Test(arguments: TestDatabase.available)
    func maintenanceWindowsSilenceAlertsButKeepTheHistory(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, retries: 0)
            let start = Date().addingTimeInterval(-60), end = Date().addingTimeInterval(3 * 3600)
            let body = #"{"startsAt": "\#(ISO8601DateFormatter().string(from: start))", "endsAt": "\#(ISO8601DateFormatter().string(from: end))", "reason": "Nâng cấp máy chủ"}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/maintenance-windows", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(body), afterResponse: { res async in
                #expect(res.status == .created, "\(res.body.string)")
            })
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .down)
            #expect(try await F.alerts(w, monitor: id).isEmpty)
            let outage = try #require(try await MonitorOutage.query(on: w.db).first())
            #expect(outage.inMaintenance)
            // A window that ended in the past is refused with a clear message; nothing stored.
            let past = #"{"startsAt": "2020-01-01T00:00:00Z", "endsAt": "2020-01-01T01:00:00Z", "reason": "x"}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/maintenance-windows", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(past), afterResponse: { res async in
                #expect(res.status == .unprocessableEntity)
            })
            #expect(try await MaintenanceWindowRecord.query(on: w.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoSchedulersOnOneDatabaseRunEachCheckOnceAndRaiseEachAlertOnce(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            var ids: [UUID] = []
            for index in 0..<30 { ids.append(try await F.monitor(w, name: "M\(index)", target: "http://127.0.0.1:9/m\(index)", retries: 0)) }
            let probes = ScriptedProbes(.up)
            let a = F.scheduler(w, probes, owner: "instance-a")
            let b = F.scheduler(w, probes, owner: "instance-b")
            var clock = F.Clock()
            var claimedByA = 0, claimedByB = 0
            for round in 0..<3 {
                if round == 2 { probes.set(.down) }
                let now = clock.tick()
                async let ranA = a.runDueChecks(now: now, limit: 7)
                async let ranB = b.runDueChecks(now: now, limit: 7)
                var (doneA, doneB) = try await (ranA.count, ranB.count)
                // Drain what is left of this round, both instances still polling.
                while doneA + doneB < ids.count {
                    async let moreA = a.runDueChecks(now: now, limit: 7)
                    async let moreB = b.runDueChecks(now: now, limit: 7)
                    let (x, y) = try await (moreA.count, moreB.count)
                    #expect(x + y > 0, "checks left unclaimed")
                    if x + y == 0 { break }
                    doneA += x
                    doneB += y
                }
                #expect(doneA + doneB == ids.count, "round \(round): \(doneA) + \(doneB) checks for \(ids.count) monitors")
                claimedByA += doneA
                claimedByB += doneB
            }
            #expect(claimedByA > 0 && claimedByB > 0, "both instances took part")
            for id in ids { #expect(probes.calls(id) == 3, "each check ran once per round") }
            #expect(try await MonitorAlert.query(on: w.db).count() == ids.count, "one alert per monitor, not two")
            #expect(try await AlertDelivery.query(on: w.db).count() == ids.count)

            // Two dispatchers send each delivery once.
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            async let sentA = F.dispatcher(w, sink: sink, owner: "instance-a").deliverDue(now: F.later, limit: 10, on: w.db)
            async let sentB = F.dispatcher(w, sink: sink, owner: "instance-b").deliverDue(now: F.later, limit: 10, on: w.db)
            var sent = try await sentA.sent + sentB.sent
            while sent < ids.count {
                let more = try await F.dispatcher(w, sink: sink, owner: "instance-b").deliverDue(now: F.later, limit: 10, on: w.db).sent
                if more == 0 { break }
                sent += more
            }
            let mails = try await sink.waitForMessages(count: ids.count, timeout: .seconds(20))
            #expect(mails.count == ids.count)
            #expect(try await F.dispatcher(w, sink: sink, owner: "instance-a").deliverDue(now: F.later, on: w.db).sent == 0, "nothing is sent twice")
            #expect(await sink.messages().count == ids.count)
        }
    }

    @Test(arguments: TestDatabase.available)
    func alertEmailsReachTheSinkInVietnameseAndTheirLinkAcknowledges(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, name: "Cổng dịch vụ công", retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            let report = try await F.dispatcher(w, sink: sink).deliverDue(now: F.later, on: w.db)
            #expect(report.sent == 1)
            let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(10)).first)
            #expect(mail.recipients == [w.officerA.email])
            let subject = try #require(mail.header("Subject"))
            #expect(subject.contains("MẤT KẾT NỐI: Cổng dịch vụ công (SO-A)"), "\(subject)")
            let body = try #require(mail.decodedTextBody)
            #expect(body.contains("Đơn vị: Sở A") && body.contains("connection refused"))
            let lines = body.components(separatedBy: .newlines)
            let link = try #require(lines.first { $0.hasPrefix("Xác nhận đã nhận") }?.split(separator: " ").last, "\(body)")
            let path = String(link.dropFirst("http://truc.test".count))
            #expect(path.hasPrefix("/ack/"))

            // A forged link is refused.
            var browser = BrowserSession(app: w.app)
            let forged = try await browser.get(String(path.dropLast(3)) + "abc")
            #expect(forged.status == .notFound)
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.body.string.contains(w.officerA.email))
            let ack = try await browser.post(path, form: [:])
            #expect(ack.status == .seeOther)
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            #expect(alert.acknowledgedAt != nil && alert.acknowledgedBy?.contains(w.officerA.email) == true)
            let delivery = try #require(try await F.deliveries(w, alert: alert).first)
            #expect(delivery.status == .sent && delivery.sentAt != nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func failedDeliveriesAreRetriedWithBackoffAndPermanentFailuresStop(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            // No SMTP server listening: a transient failure, retried later.
            let closed = try await SMTPSink.start(group: F.group)
            let port = closed.port
            closed.stop()
            let transport = NetworkAlertTransport(smtp: SMTPSettings(host: "127.0.0.1", port: port, security: .none, heloName: "t", timeout: .seconds(3)),
                                                  mailFrom: MailAddress(address: "truc@test.vn"), group: F.group, outbound: w.app.outbound)
            let failing = AlertDispatcher(owner: "a", transport: transport, publicURL: "http://truc.test", timeZone: w.app.config.timeZone)
            let now = F.later
            #expect(try await failing.deliverDue(now: now, on: w.db).retrying == 1)
            let alert = try #require(try await F.alerts(w, monitor: id).first)
            var delivery = try #require(try await F.deliveries(w, alert: alert).first)
            #expect(delivery.status == .pending && delivery.attempts == 1 && delivery.nextAttemptAt > now && delivery.lastError != nil)
            #expect(try await failing.deliverDue(now: now, on: w.db) == .init(), "not before the backoff")
            // The server rejects the recipient (550): permanent, not retried.
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            sink.rejectRecipients(matching: "officer")
            let later = delivery.nextAttemptAt.addingTimeInterval(1)
            #expect(try await F.dispatcher(w, sink: sink).deliverDue(now: later, on: w.db).failed == 1)
            delivery = try #require(try await F.deliveries(w, alert: alert).first)
            #expect(delivery.status == .failed && delivery.attempts == 2 && delivery.lastError?.contains("550") == true)
            // Without any SMTP server configured the reason says so.
            _ = try await F.monitor(w, name: "Thứ hai", target: "http://127.0.0.1:9/2", retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            #expect(try await F.dispatcher(w, sink: nil).deliverDue(now: F.later, on: w.db).failed == 1)
            let unconfigured = try await AlertDelivery.query(on: w.db).filter(\.$status == .failed).all()
            #expect(unconfigured.contains { $0.lastError?.contains("TRUC_SMTP_HOST") == true })
        }
    }

    @Test(arguments: TestDatabase.available)
    func webhooksAreSignedWithTheSecretShownOnce(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let received = ReceivedRequests()
            let server = try await LoopbackHTTPServer.start(group: F.group) { head, body in
                received.add(head, body)
                return (status: 204, body: "", delayMs: 0)
            }
            var secret = ""
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/webhooks", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(#"{"name": "SOC", "url": "\#(server.url(path: "/hook").absoluteString)"}"#),
                                           afterResponse: { res async throws in
                #expect(res.status == .created)
                let dto = try res.content.decode(WebhookDTO.self)
                secret = try #require(dto.secret)
            })
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/webhooks", headers: w.bearer(w.adminA), afterResponse: { res async in
                #expect(res.status == .ok && !res.body.string.contains(secret), "the secret is shown once only")
            })
            #expect(try await AuditEntry.query(on: w.db).all().allSatisfy { !($0.after ?? "").contains(secret) })
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            let report = try await F.dispatcher(w, sink: nil).deliverDue(now: F.later, on: w.db)
            #expect(report.sent == 1, "the webhook is sent (the e-mail to the admin fails: no SMTP)")
            let (head, body) = try #require(received.all.first)
            #expect(head.uri == "/hook" && head.headers["X-Truc-Event"].first == "monitor.down")
            let signature = try #require(head.headers["X-Truc-Signature"].first)
            #expect(WebhookSignature.verify(header: signature, body: body, secret: secret, now: Int(Date().timeIntervalSince1970)))
            #expect(!WebhookSignature.verify(header: signature, body: body + [32], secret: secret, now: Int(Date().timeIntervalSince1970)))
            let json = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            #expect((json?["monitor"] as? [String: Any])?["id"] as? String == id.uuidString)
            await server.stop()
        }
    }
}

/// Requests a loopback server received (head and body).
final class ReceivedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(HTTPRequestHead, [UInt8])] = []
    func add(_ head: HTTPRequestHead, _ body: [UInt8]) { lock.withLock { items.append((head, body)) } }
    var all: [(HTTPRequestHead, [UInt8])] { lock.withLock { items } }
}
