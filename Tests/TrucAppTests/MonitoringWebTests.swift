import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// The monitoring pages, driven as a browser would (forms, no JavaScript).
@Suite struct MonitoringWebTests {
    typealias F = MonitoringFixture

    @Test(arguments: TestDatabase.available)
    func adminAddsAMonitorSeesItsChartsAndTheOfficerAcknowledgesItsAlert(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let a = w.deptA.id!
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            var page = try await admin.get("/units/\(a)/monitors")
            #expect(page.status == .ok && page.body.string.contains("name=\"target\""))
            // Every problem of a bad form is listed.
            var res = try await admin.post("/units/\(a)/monitors", form: ["name": "Cổng", "kind": "tcp", "target": "no-port", "intervalSeconds": "5"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("20"), "the interval rule is stated")
            #expect(try await Monitor.query(on: w.db).count() == 0)
            res = try await admin.post("/units/\(a)/monitors", form: ["name": "Cổng thông tin Sở A", "kind": "http", "target": "http://127.0.0.1:9/",
                                                                     "intervalSeconds": "60", "timeoutSeconds": "5", "retries": "0",
                                                                     "keyword": "ok", "enabled": "true", "isPublic": "true"])
            #expect(res.status == .seeOther)
            let monitor = try #require(try await Monitor.query(on: w.db).first())
            #expect(monitor.settings.keyword == "ok" && monitor.isPublic && monitor.timeoutMs == 5000)

            let probes = ScriptedProbes(.up)
            let scheduler = F.scheduler(w, probes)
            var clock = F.Clock()
            for _ in 0..<3 { try await scheduler.runDueChecks(now: clock.tick()) }
            probes.set(.down)
            try await scheduler.runDueChecks(now: clock.tick())
            page = try await admin.get("/monitors/\(monitor.id!)")
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("<svg") && body.contains("ms-down"))
            #expect(body.contains("connection refused"))

            // Maintenance window and webhook forms; the webhook secret is shown once.
            res = try await admin.post("/units/\(a)/maintenance-windows", form: ["startsAt": "01/01/2031 08:00", "endsAt": "01/01/2031 10:00",
                                                                                "monitorID": monitor.id!.uuidString, "reason": "Nâng cấp"])
            #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
            #expect(try await MaintenanceWindowRecord.query(on: w.db).count() == 1)
            res = try await admin.post("/units/\(a)/webhooks", form: ["name": "SOC", "url": "https://soc.example.gov.vn/hook"])
            #expect(res.status == .ok)
            let hook = try #require(try await Webhook.query(on: w.db).first())
            #expect(res.body.string.contains(hook.secret))
            page = try await admin.get("/units/\(a)/monitors")
            #expect(page.body.string.contains("soc.example.gov.vn") && !page.body.string.contains(hook.secret))
            res = try await admin.post("/units/\(a)/status-page", form: ["isPublic": "true"])
            #expect(res.status == .seeOther)
            #expect(try await OrgUnit.find(a, on: w.db)?.statusPagePublic == true)

            // The officer on duty acknowledges from the alerts page.
            var officer = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            page = try await officer.get("/alerts?open=true")
            let alert = try #require(try await MonitorAlert.query(on: w.db).first())
            #expect(page.body.string.contains("action=\"/alerts/\(alert.id!)/ack\""))
            res = try await officer.post("/alerts/\(alert.id!)/ack", form: ["next": "/alerts"])
            #expect(res.status == .seeOther)
            #expect(try await MonitorAlert.find(alert.id, on: w.db)?.acknowledgedAt != nil)
            // The officer may not change monitors.
            res = try await officer.post("/monitors/\(monitor.id!)/delete", form: [:])
            #expect(res.status == .forbidden)
            page = try await officer.get("/alerts/\(alert.id!)")
            #expect(page.status == .ok && page.body.string.contains(w.officerA.email))

            // The province board for the coordinator, who also sets the escalation delay.
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            page = try await coordinator.get("/status")
            #expect(page.status == .ok && page.body.string.contains("SO-A") && page.body.string.contains("Cổng thông tin Sở A"))
            page = try await coordinator.get("/monitors?state=down")
            #expect(page.body.string.contains("Cổng thông tin Sở A"))
            res = try await coordinator.post("/escalation", form: ["delayMinutes": "25"])
            #expect(res.status == .seeOther)
            #expect(try await EscalationSettings.load(on: w.db).delayMinutes == 25)
            res = try await admin.post("/escalation", form: ["delayMinutes": "5"])
            #expect(res.status == .forbidden)
            res = try await admin.post("/monitors/\(monitor.id!)/delete", form: [:])
            #expect(res.status == .seeOther)
            #expect(try await Monitor.query(on: w.db).count() == 0)
        }
    }
}
