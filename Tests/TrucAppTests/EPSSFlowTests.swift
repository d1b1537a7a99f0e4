import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// FIRST EPSS: the import, the scores on findings, CVEs and pages, the priority sort and the SLA priority rule.
@Suite struct EPSSFlowTests {
    typealias J = RosterFixture
    typealias F = EPSSFixtures

    @Test(arguments: TestDatabase.available)
    func importCountsNewUpdatedUnchangedAndTheScoresShow(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await F.inventory(w)
            let dir = try F.folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let rows = ["CVE-2017-5638,0.97559,0.99995", "CVE-2099-0101,0.50000,0.90000", "CVE-2099-0999,0.01000,0.20000",
                        "not a row at all"]
            let path = try F.write(F.csv(rows: rows), "epss_scores-2026-12-01.csv", in: dir)
            let first = try await FeedImporter.importEPSS(path, on: w.db, zone: J.vn)
            #expect(first.created == 3 && first.updated == 0 && first.unchanged == 0)
            #expect(first.skipped == 1 && first.problems.contains { $0.hasPrefix("line 6:") })
            #expect(first.problems.contains { $0.contains("v2025.03.14") })
            let struts = try #require(try await EPSSRecord.find("CVE-2017-5638", on: w.db))
            #expect(struts.score == 0.97559 && struts.percentile == 0.99995)
            #expect(struts.scoreDate == "2026-12-01" && struts.modelVersion == "v2025.03.14")
            // A CVE not (yet) in the knowledge base keeps its score too.
            #expect(try await EPSSRecord.find("CVE-2099-0999", on: w.db) != nil)
            #expect(try await F.finding("CVE-2017-5638", w).epssScore == 0.97559)
            #expect(try await F.finding("CVE-2099-0102", w).epssScore == nil)

            // The same file again: nothing changes; one changed score: one update.
            let again = try await FeedImporter.importEPSS(path, on: w.db, zone: J.vn)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3)
            let changed = rows.map { $0.hasPrefix("CVE-2099-0101") ? "CVE-2099-0101,0.61000,0.92000" : $0 }
            let third = try await FeedImporter.importEPSS(try F.write(F.csv(rows: changed), "epss_scores-2026-12-01.csv", in: dir),
                                                          on: w.db, zone: J.vn)
            #expect(third.created == 0 && third.updated == 1 && third.unchanged == 2)
            #expect(try await F.finding("CVE-2099-0101", w).epssScore == 0.61)
            #expect(try await FeedImport.query(on: w.db).filter(\.$kind == "epss").count() == 3)

            // The API: findings and CVEs carry score, percentile and date.
            try await w.app.testing().test(.GET, "/api/v1/findings?cve=CVE-2017-5638", headers: w.bearer(w.adminA)) { res async throws in
                #expect(res.status == .ok)
                let epss = try #require(try res.decode(Page<FindingDTO>.self).items.first?.epss)
                #expect(epss == EPSSDTO(score: 0.97559, percentile: 0.99995, date: "2026-12-01"))
            }
            try await w.app.testing().test(.GET, "/api/v1/cves/CVE-2017-5638", headers: w.bearer(w.adminA)) { res async throws in
                let cve = try res.decode(CVEDTO.self)
                #expect(cve.epss?.date == "2026-12-01" && cve.findings.first?.epss?.score == 0.97559)
            }
            try await w.app.testing().test(.GET, "/api/v1/cves?q=CVE-2099-0102", headers: w.bearer(w.adminA)) { res async throws in
                let page = try res.decode(Page<CVESummaryDTO>.self)
                #expect(page.items.count == 1 && page.items.first?.epss == nil)
            }
            try await w.app.testing().test(.GET, "/api/v1/cves?q=CVE-2099-0101", headers: w.bearer(w.adminA)) { res async throws in
                #expect(try res.decode(Page<CVESummaryDTO>.self).items.first?.epss?.score == 0.61)
            }
            // The pages: a small "EPSS 0.98 (99%)" on the findings list and the CVE page.
            var browser = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            var page = try await browser.get("/findings")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("EPSS 0.98 (99%)"))
            page = try await browser.get("/cves/CVE-2017-5638")
            #expect(page.body.string.contains("EPSS 0.98 (99%)"))
            let findingID = try #require(try await F.finding("CVE-2017-5638", w).id)
            #expect(try await browser.get("/findings/\(findingID)").body.string.contains("EPSS 0.98 (99%)"))
            #expect(page.body.string.contains("2026-12-01"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func gzipFilesAreReadAndADamagedOneStoresNothing(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await F.inventory(w)
            let dir = try F.folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            var rows: [String] = []
            for index in 0..<3000 { rows.append("CVE-2098-\(String(format: "%05d", index)),0.\(String(format: "%05d", index)),0.50000") }
            rows.append("CVE-2017-5638,0.97559,0.99995")
            let plain = try F.write(F.csv(day: "2026-12-02", rows: rows), "epss_scores-2026-12-02.csv", in: dir)
            let gz = try F.gzip(plain)
            let whole = try Data(contentsOf: URL(fileURLWithPath: gz))

            // Cut short (the trailer and some content missing): refused, nothing stored.
            let cut = try F.write("", "cut.csv.gz", in: dir)
            try whole.prefix(whole.count - 40).write(to: URL(fileURLWithPath: cut))
            await #expect(throws: (any Error).self) { try await FeedImporter.importEPSS(cut, on: w.db, zone: J.vn) }
            // A byte flipped in the middle: refused, nothing stored.
            var flipped = whole
            flipped[whole.count / 2] ^= 0xFF
            let damaged = try F.write("", "damaged.csv.gz", in: dir)
            try flipped.write(to: URL(fileURLWithPath: damaged))
            await #expect(throws: (any Error).self) { try await FeedImporter.importEPSS(damaged, on: w.db, zone: J.vn) }
            // Gzip magic and nothing else.
            let fake = try F.write("", "fake.csv.gz", in: dir)
            try Data([0x1f, 0x8b, 0x08, 0x00, 0x01]).write(to: URL(fileURLWithPath: fake))
            do {
                _ = try await FeedImporter.importEPSS(fake, on: w.db, zone: J.vn)
                Issue.record("a fake gzip file was imported")
            } catch let error as FeedFile.Failure {
                #expect(error.description.contains("fake.csv.gz"))
            }
            #expect(try await EPSSRecord.query(on: w.db).count() == 0)
            #expect(try await F.finding("CVE-2017-5638", w).epssScore == nil)
            #expect(try await FeedImport.query(on: w.db).filter(\.$kind == "epss").count() == 0)

            // The whole file: read, with the date of its comment line.
            let report = try await FeedImporter.importEPSS(gz, on: w.db, zone: J.vn)
            #expect(report.created == 3001 && report.skipped == 0)
            #expect(try await EPSSRecord.query(on: w.db).count() == 3001)
            #expect(try await EPSSRecord.find("CVE-2017-5638", on: w.db)?.scoreDate == "2026-12-02")
            #expect(try await F.finding("CVE-2017-5638", w).epssScore == 0.97559)
        }
    }

    @Test(arguments: TestDatabase.available)
    func findingsSortByPriorityInTheDatabase(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await F.inventory(w)
            let dir = try F.folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await F.markKEV("CVE-2099-0102", w)
            let rows = ["CVE-2017-5638,0.20000,0.60000", "CVE-2099-0101,0.90000,0.99000", "CVE-2099-0102,0.10000,0.50000"]
            _ = try await FeedImporter.importEPSS(try F.write(F.csv(rows: rows), "e.csv", in: dir), on: w.db, zone: J.vn)
            // KEV first; then EPSS, highest first; then (no EPSS) CVSS, highest first.
            let expected = ["CVE-2099-0102", "CVE-2099-0101", "CVE-2017-5638", "CVE-2099-0103", "CVE-2099-0104"]
            try await w.app.testing().test(.GET, "/api/v1/findings?sort=priority", headers: w.bearer(w.adminA)) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.decode(Page<FindingDTO>.self).items.map(\.cveID) == expected)
            }
            // Paged in the database: page 2 of 2 per page.
            try await w.app.testing().test(.GET, "/api/v1/findings?sort=priority&per=2&page=2", headers: w.bearer(w.adminA)) { res async throws in
                let page = try res.decode(Page<FindingDTO>.self)
                #expect(page.items.map(\.cveID) == Array(expected[2..<4]))
                #expect(page.metadata.total == 5)
            }
            try await w.app.testing().test(.GET, "/api/v1/findings?sort=deadline", headers: w.bearer(w.adminA)) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.decode(Page<FindingDTO>.self).items.first?.cveID == "CVE-2017-5638")
            }
            try await w.app.testing().test(.GET, "/api/v1/findings?sort=cvss%27--", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .badRequest)
            }
            // The page: the same order; an unknown sort is ignored.
            var browser = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let body = try await browser.get("/findings?sort=priority").body.string
            let positions = expected.compactMap { body.range(of: ">\($0)</a>")?.lowerBound }
            #expect(positions.count == expected.count && positions == positions.sorted())
            #expect(body.contains("<option value=\"priority\" selected"))
            #expect(try await browser.get("/findings?sort=nonsense").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSLAPriorityRuleGivesKEVAndHighEPSSTheCriticalDeadline(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await F.inventory(w)
            let dir = try F.folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await F.markKEV("CVE-2099-0102", w)
            let rows = ["CVE-2099-0101,0.60000,0.95000", "CVE-2099-0104,0.01000,0.30000"]
            _ = try await FeedImporter.importEPSS(try F.write(F.csv(rows: rows), "e.csv", in: dir), on: w.db, zone: J.vn)
            let standard = SLAPolicy.standard
            func due(_ cve: String) async throws -> (Date?, own: Date, critical: Date) {
                let f = try await F.finding(cve, w)
                let severity = try #require(f.severity)
                #expect(severity != .critical)
                #expect(standard.days(severity: severity, level: 4) > standard.days(severity: .critical, level: 4))
                return (f.dueAt, standard.deadline(firstSeen: f.firstSeen, severity: severity, level: 4),
                        standard.deadline(firstSeen: f.firstSeen, severity: .critical, level: 4))
            }
            // Off (the default): each finding keeps its own row.
            for cve in ["CVE-2099-0101", "CVE-2099-0102", "CVE-2099-0104"] {
                let d = try await due(cve)
                #expect(d.0 == d.own, "\(cve)")
            }
            // On through the API, threshold 0.5: KEV and EPSS 0.6 get the critical deadline; EPSS 0.01 does not.
            var on = standard
            on.priorityRule = try SLAPriorityRule(enabled: true, epssThreshold: 0.5)
            try await w.app.testing().test(.PUT, "/api/v1/sla", headers: w.bearer(w.coordinator), beforeRequest: { req in
                try req.content.encode(on)
            }) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.decode(SLAPolicy.self).priorityRule == on.priorityRule)
            }
            for cve in ["CVE-2099-0101", "CVE-2099-0102"] {
                let d = try await due(cve)
                #expect(d.0 == d.critical, "\(cve)")
            }
            var d = try await due("CVE-2099-0104")
            #expect(d.0 == d.own)
            let audit = try #require(try await AuditEntry.query(on: w.db).filter(\.$action == "sla.update").sort(\.$at, .descending).first())
            #expect(audit.after?.contains("\"epssThreshold\":0.5") == true)
            // A new EPSS file that lifts CVE-2099-0104 over the threshold tightens its deadline at once.
            _ = try await FeedImporter.importEPSS(try F.write(F.csv(rows: ["CVE-2099-0104,0.70000,0.97000"]), "e2.csv", in: dir),
                                                  on: w.db, zone: J.vn)
            d = try await due("CVE-2099-0104")
            #expect(d.0 == d.critical)
            // Out of range: refused, nothing changed.
            try await w.app.testing().test(.PUT, "/api/v1/sla", headers: w.bearer(w.coordinator), beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"days": {"critical": [15, 10, 7, 5, 3]}, "priorityRule": {"enabled": true, "epssThreshold": 1.5}}"#)
            }) { res async in
                #expect(res.status == .unprocessableEntity)
            }
            try await w.app.testing().test(.PUT, "/api/v1/sla", headers: w.bearer(w.officerA), beforeRequest: { req in
                try req.content.encode(standard)
            }) { res async in
                #expect(res.status == .forbidden)
            }
            #expect(try await SLASettings.load(on: w.db).priorityRule == on.priorityRule)

            // The coordinator's form on /feeds: the switch and the threshold; a bad threshold refused; off again.
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let page = try await coordinator.get("/feeds").body.string
            #expect(page.contains("name=\"priorityRule\" value=\"on\" checked"))
            #expect(page.contains("name=\"epssThreshold\""))
            var form: [String: String] = ["unassignedLevel": "3", "priorityRule": "on", "epssThreshold": "1,5"]
            for severity in CVSSSeverity.allCases {
                for level in 1...5 { form["\(severity.rawValue)_\(level)"] = "\(standard.days(severity: severity, level: level))" }
            }
            #expect(try await coordinator.post("/sla", form: form).status == .unprocessableEntity)
            form["epssThreshold"] = "abc"
            #expect(try await coordinator.post("/sla", form: form).status == .badRequest)
            form["epssThreshold"] = "0,8"
            #expect(try await coordinator.post("/sla", form: form).status == .seeOther)
            #expect(try await SLASettings.load(on: w.db).priorityRule == (try SLAPriorityRule(enabled: true, epssThreshold: 0.8)))
            d = try await due("CVE-2099-0101")
            #expect(d.0 == d.own)  // 0.6 < 0.8
            d = try await due("CVE-2099-0102")
            #expect(d.0 == d.critical)  // KEV
            form["priorityRule"] = nil
            #expect(try await coordinator.post("/sla", form: form).status == .seeOther)
            #expect(try await SLASettings.load(on: w.db).priorityRule.enabled == false)
            for cve in ["CVE-2099-0101", "CVE-2099-0102", "CVE-2099-0104"] {
                let d = try await due(cve)
                #expect(d.0 == d.own, "\(cve)")
            }
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "sla.update").count() == 3)
        }
    }
}
