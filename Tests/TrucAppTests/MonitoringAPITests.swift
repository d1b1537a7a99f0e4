import Fluent
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Monitor validation, who may do what, history compaction and the public status page.
@Suite struct MonitoringAPITests {
    typealias F = MonitoringFixture

    @Test(arguments: TestDatabase.available)
    func badMonitorsAreRefusedWithEveryProblemListedAndNothingStored(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let body = #"{"name": " ", "kind": "http", "target": "ftp://x", "intervalSeconds": 5, "retries": 40, "settings": {"expectedStatus": "999"}}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/monitors", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(body), afterResponse: { res async in
                #expect(res.status == .unprocessableEntity)
                let text = res.body.string
                for field in ["interval", "etries", "http", "999"] { #expect(text.contains(field), "missing \(field) in \(text)") }
            })
            #expect(try await Monitor.query(on: w.db).count() == 0)
            // A duty officer may read and acknowledge but not add monitors; another unit's admin sees nothing.
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/monitors", headers: w.bearer(w.officerA),
                                           beforeRequest: RosterFixture.json(#"{"name": "X", "kind": "tcp", "target": "127.0.0.1:22"}"#),
                                           afterResponse: { res async in #expect(res.status == .forbidden) })
            let id = try await F.monitor(w, kind: "tcp", target: "127.0.0.1:22")
            try await w.app.testing().test(.GET, "/api/v1/monitors/\(id)", headers: w.bearer(w.adminB), afterResponse: { res async in
                #expect(res.status == .notFound)
            })
            try await w.app.testing().test(.GET, "/api/v1/monitors", headers: w.bearer(w.adminB), afterResponse: { res async throws in
                #expect(try res.content.decode(Page<MonitorDTO>.self).items.isEmpty)
            })
            try await w.app.testing().test(.GET, "/api/v1/monitors", headers: w.bearer(w.officerA), afterResponse: { res async throws in
                #expect(try res.content.decode(Page<MonitorDTO>.self).items.map(\.id) == [id])
            })
            #expect(try await RosterFixture.audits(w, "monitor.create").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func changingTheTargetStartsAfreshAndBreaksALeaseInFlight(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            try await Monitor.query(on: w.db).filter(\.$id == id).set(\.$leaseOwner, to: "somebody").update()
            let body = #"{"name": "Cổng mới", "kind": "tcp", "target": "127.0.0.1:8443"}"#
            try await w.app.testing().test(.PUT, "/api/v1/monitors/\(id)", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(body), afterResponse: { res async throws in
                #expect(res.status == .ok)
                let dto = try res.content.decode(MonitorDTO.self)
                #expect(dto.state == .pending && dto.kind == .tcp && dto.lastOutcome == nil)
            })
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.leaseOwner == nil)
            #expect(try await RosterFixture.audits(w, "monitor.update").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func oldResultsAreRolledUpWithoutChangingTheFigures(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let id = try await F.monitor(w, kind: "tcp", target: "127.0.0.1:22")
            let now = Date()
            // Ten days of a check per 10 minutes: one hour down each day, one day more slowly.
            var rows: [MonitorCheckStore.StoredResult] = []
            for minute in stride(from: 0, to: 10 * 24 * 60, by: 10) {
                let at = now.addingTimeInterval(-Double(minute) * 60)
                let down = minute % (24 * 60) < 60
                rows.append(.init(monitorID: id, at: at, outcome: down ? .down : .up, latencyMs: down ? nil : 20 + minute % 7,
                                  message: down ? "connection refused" : nil))
            }
            try await MonitorCheckStore.insert(rows, on: w.db)
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            let (before, _) = try await MonitorService.stats(monitor, now: now, timeZone: w.app.config.timeZone, on: w.db)
            // The public status page counts in the database, per local day, and gets the same figures.
            func publicFigures() async throws -> PublicStatusFigures.Figures? {
                try await PublicStatusFigures().figures(unitID: w.deptA.id!, monitorIDs: [id], now: now, timeZone: w.app.config.timeZone, on: w.db)[id]
            }
            var figures = try await publicFigures()
            #expect(figures?.uptime30d == before.uptime30d)
            #expect(figures?.days.map(\.percent) == before.days.map(\.uptimePercent))
            let report = try await MonitorCheckStore.compact(now: now, on: w.db)
            #expect(report.rawRolledUp > 0)
            let (after, _) = try await MonitorService.stats(monitor, now: now, timeZone: w.app.config.timeZone, on: w.db)
            #expect(before.uptime30d == after.uptime30d)
            #expect(before.days == after.days)
            figures = try await publicFigures()
            #expect(figures?.uptime30d == after.uptime30d)
            #expect(figures?.days.map(\.percent) == after.days.map(\.uptimePercent))
            let expected = Double(rows.filter { $0.outcome == .up }.count) / Double(rows.count) * 100
            #expect(abs((after.uptime30d ?? 0) - expected) < 0.0001)
            let remaining = try await MonitorCheckStore.results(of: id, since: .distantPast, on: w.db)
            #expect(remaining.allSatisfy { $0.at >= now.addingTimeInterval(-MonitorCheckStore.rawRetention - 3600) })
            #expect(remaining.count < rows.count)
            // Running it again changes nothing.
            #expect(try await MonitorCheckStore.compact(now: now, on: w.db).rawRolledUp == 0)
            // Hourly rollups older than 35 days become daily ones.
            let far = now.addingTimeInterval(40 * 86400)
            _ = try await MonitorCheckStore.compact(now: far, on: w.db)
            let sql = try #require(w.db as? any SQLDatabase)
            let hourly = try await sql.raw("SELECT COUNT(*) AS n FROM check_rollups WHERE bucket_seconds = 3600").first()?.decode(column: "n", as: Int.self)
            let daily = try await sql.raw("SELECT SUM(total) AS n FROM check_rollups WHERE bucket_seconds = 86400").first()?.decode(column: "n", as: Int.self)
            #expect(hourly == 0 && daily == rows.count)
        }
    }

    @Test(arguments: TestDatabase.available)
    func statusPagesArePublicOnlyWhenTheUnitOptsInAndShowOnlyPublicMonitors(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await F.monitor(w, name: "Cổng công khai", extra: #", "isPublic": true"#)
            _ = try await F.monitor(w, name: "Máy chủ nội bộ", target: "http://127.0.0.1:9/internal")
            try await w.app.testing().test(.GET, "/status/SO-A", afterResponse: { res async in #expect(res.status == .notFound) })
            try await w.app.testing().test(.PUT, "/api/v1/units/\(w.deptA.id!)/status-page", headers: w.bearer(w.officerA),
                                           beforeRequest: RosterFixture.json(#"{"isPublic": true}"#),
                                           afterResponse: { res async in #expect(res.status == .forbidden) })
            try await w.app.testing().test(.PUT, "/api/v1/units/\(w.deptA.id!)/status-page", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(#"{"isPublic": true}"#), afterResponse: { res async throws in
                #expect(try res.content.decode(UnitDTO.self).statusPagePublic == true)
            })
            try await w.app.testing().test(.GET, "/status/SO-A", afterResponse: { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Cổng công khai") && !res.body.string.contains("Máy chủ nội bộ"))
                #expect(res.body.string.contains("<svg"))
            })
            #expect(try await RosterFixture.audits(w, "unit.status_page").count == 1)
        }
    }
}
