import Fluent
import Foundation
import NIOHTTP1
import Testing
import TrucCore
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// The coordinator's feed sources (API and pages), "run now" through the scheduler, KEV's conditional GET, and the
/// home page warning for a source that keeps failing.
@Suite struct FeedSourceTests {
    typealias F = FeedSyncFixture

    static let kevCatalog = """
    {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2026.11.23", "dateReleased": "2026-11-23T12:00:00.000Z", "count": 1,
     "vulnerabilities": [
      {"cveID": "CVE-2099-9999", "vendorProject": "X", "product": "Y", "vulnerabilityName": "Z", "dateAdded": "2026-01-01",
       "shortDescription": "Not in NVD yet.", "requiredAction": "Patch.", "dueDate": "2026-01-22", "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": []}
     ]}
    """

    private func send(_ w: TestWorld, _ method: HTTPMethod, _ path: String, _ json: String? = nil, as person: Person) async throws -> TestingHTTPResponse {
        var headers = w.bearer(person)
        if json != nil { headers.contentType = .json }
        return try await w.app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorManagesSourcesThroughTheAPI(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            var res = try await send(w, .GET, "/api/v1/feed-sources", as: w.coordinator)
            #expect(res.status == .ok)
            let page = try res.decode(Page<FeedSourceDTO>.self)
            #expect(Set(page.items.map(\.kind)) == [.nvd, .kev, .epss])
            let nvd = try #require(page.items.first { $0.kind == .nvd })
            #expect(nvd.url == "https://services.nvd.nist.gov/rest/json/cves/2.0" && nvd.enabled && !nvd.apiKeySet)

            // Nobody else reads or changes them.
            for person in [w.adminA, w.officerA, w.auditor] {
                #expect(try await send(w, .GET, "/api/v1/feed-sources", as: person).status == .forbidden)
                #expect(try await send(w, .PATCH, "/api/v1/feed-sources/\(nvd.id)", #"{"enabled": false}"#, as: person).status == .forbidden)
            }

            // The API key: in the answer that sets it, never again, never in the audit log.
            let secret = "0123abcd-KEY-\(UUID().uuidString)"
            res = try await send(w, .PATCH, "/api/v1/feed-sources/\(nvd.id)", #"{"apiKey": "\#(secret)", "intervalMinutes": 60}"#, as: w.coordinator)
            #expect(res.status == .ok)
            let changed = try res.decode(FeedSourceDTO.self)
            #expect(changed.apiKey == secret && changed.apiKeySet && changed.intervalMinutes == 60)
            res = try await send(w, .GET, "/api/v1/feed-sources/\(nvd.id)", as: w.coordinator)
            #expect(!res.body.string.contains(secret))
            #expect(try res.decode(FeedSourceDTO.self).apiKeySet)
            let audits = try await AuditEntry.query(on: w.db).filter(\.$action == "feed-source.update").all()
            #expect(audits.count == 1)
            #expect(audits.allSatisfy { !($0.before ?? "").contains(secret) && !($0.after ?? "").contains(secret) })
            #expect(try await FeedSource.find(nvd.id, on: w.db)?.apiKey == secret)

            // Refusals: each a clear 4xx, nothing changed.
            for body in [#"{"intervalMinutes": 5}"#, #"{"url": "file:///etc/passwd"}"#, #"{"url": "https://user:pw@example.com/"}"#,
                         #"{"apiKey": "has spaces in it"}"#, #"{"name": "\#(String(repeating: "x", count: 500))"}"#] {
                res = try await send(w, .PATCH, "/api/v1/feed-sources/\(nvd.id)", body, as: w.coordinator)
                #expect(res.status == .unprocessableEntity, "\(body)")
            }
            #expect(try await send(w, .PATCH, "/api/v1/feed-sources/not-a-uuid", "{}", as: w.coordinator).status == .badRequest)
            #expect(try await send(w, .GET, "/api/v1/feed-sources/\(UUID())", as: w.coordinator).status == .notFound)
            #expect(try await FeedSource.find(nvd.id, on: w.db)?.intervalMinutes == 60)
            #expect(try await send(w, .DELETE, "/api/v1/feed-sources/\(nvd.id)", as: w.coordinator).status == .conflict)

            // A CSAF provider: added once, run asked, deleted.
            let metadata = "https://csaf.example.com/.well-known/csaf/provider-metadata.json"
            res = try await send(w, .POST, "/api/v1/feed-sources", #"{"url": "\#(metadata)"}"#, as: w.coordinator)
            #expect(res.status == .created)
            let provider = try res.decode(FeedSourceDTO.self)
            #expect(provider.kind == .csaf && provider.name == "CSAF csaf.example.com" && provider.enabled)
            #expect(try await send(w, .POST, "/api/v1/feed-sources", #"{"url": "\#(metadata)"}"#, as: w.coordinator).status == .conflict)
            #expect(try await send(w, .POST, "/api/v1/feed-sources", #"{"url": "ftp://csaf.example.com/x"}"#, as: w.coordinator).status == .unprocessableEntity)
            #expect(try await send(w, .PATCH, "/api/v1/feed-sources/\(provider.id)", #"{"apiKey": "abc"}"#, as: w.coordinator).status == .unprocessableEntity)
            res = try await send(w, .POST, "/api/v1/feed-sources/\(provider.id)/run", as: w.coordinator)
            #expect(res.status == .accepted)
            #expect(try res.decode(FeedSourceDTO.self).runRequested)
            res = try await send(w, .GET, "/api/v1/feed-sources/\(provider.id)/runs", as: w.coordinator)
            #expect(res.status == .ok)
            #expect(try res.decode(Page<FeedRunDTO>.self).items.isEmpty)
            #expect(try await send(w, .GET, "/api/v1/feed-sources/\(provider.id)/runs?per=100000", as: w.coordinator).status == .badRequest)
            #expect(try await send(w, .DELETE, "/api/v1/feed-sources/\(provider.id)", as: w.coordinator).status == .noContent)
            #expect(try await FeedSource.find(provider.id, on: w.db) == nil)
            let actions = Set(try await AuditEntry.query(on: w.db).filter(\.$entityType == "feed-source").all().map(\.action))
            #expect(actions == ["feed-source.update", "feed-source.create", "feed-source.run", "feed-source.delete"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func runNowRunsAtTheNextTickAndKEVAsksOnlyForChanges(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let etag = "\"kev-2026-11-23\""
            let kev = try await LoopbackFeedServer.start(group: F.group) { head in
                if head.headers.first(name: "If-None-Match") == etag { return FeedReply(status: 304, headers: [("ETag", etag)]) }
                return FeedReply(status: 200, headers: [("Content-Type", "application/json"), ("ETag", etag)], text: Self.kevCatalog)
            }
            defer { Task { await kev.stop() } }
            // Only KEV here (the others would go to the Internet).
            try await FeedSource.query(on: w.db).set(\.$enabled, to: false).update()
            let source = try await F.source(.kev, on: w.db)
            source.url = kev.url(path: "/kev.json").absoluteString
            source.enabled = false
            source.nextRunAt = Date().addingTimeInterval(86_400)
            try await source.save(on: w.db)
            let clock = VirtualClock()
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "tick")

            // Nothing is due.
            #expect(try await FeedSyncScheduler.tick(service: service, now: Date()).isEmpty)
            // The coordinator asks a run on the page: the next tick runs it although it is off.
            var browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let id = try source.requireID()
            _ = try await browser.get("/feeds/sources/\(id)")
            let asked = try await browser.post("/feeds/sources/\(id)/run", form: [:])
            #expect(asked.status == .seeOther, "\(asked.body.string.prefix(300))")
            var runs = try await FeedSyncScheduler.tick(service: service, now: Date())
            #expect(runs.count == 1)
            let first = try #require(runs.first)
            #expect(first.trigger == .web && first.error == nil && first.created == 1 && first.httpCalls == 1)
            var stored = try await F.source(.kev, on: w.db)
            #expect(stored.runRequestedAt == nil && stored.etag == etag && stored.failures == 0)
            #expect(try await Vulnerability.find("CVE-2099-9999", on: w.db)?.kev == true)

            // Switched on and due again: a conditional GET, answered 304, changes nothing.
            stored.enabled = true
            stored.nextRunAt = Date().addingTimeInterval(-1)
            try await stored.save(on: w.db)
            runs = try await FeedSyncScheduler.tick(service: service, now: Date())
            let second = try #require(runs.first)
            #expect(second.trigger == .schedule && second.error == nil && second.created + second.updated == 0)
            #expect(second.notes.contains("304"))
            #expect(kev.requests.last?.header("If-None-Match") == etag)
            stored = try await F.source(.kev, on: w.db)
            #expect(stored.nextRunAt > Date().addingTimeInterval(Double(stored.intervalMinutes - 1) * 60))

            // The page lists both runs.
            let page = try await browser.get("/feeds/sources/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("yêu cầu trên web") && page.body.string.contains("theo lịch"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePagesEditSourcesAndShowAKeyOnce(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            var browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            var page = try await browser.get("/feeds/sources")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("NVD") && page.body.string.contains("provider-metadata.json"))
            let nvd = try await F.source(.nvd, on: w.db)
            let id = try nvd.requireID()
            let secret = "WEB-KEY-\(UUID().uuidString)"
            page = try await browser.post("/feeds/sources/\(id)", form: ["name": "NVD", "url": nvd.url, "intervalMinutes": "240",
                                                                         "enabled": "true", "apiKey": secret])
            #expect(page.status == .ok && page.body.string.contains(secret))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            page = try await browser.get("/feeds/sources/\(id)")
            #expect(!page.body.string.contains(secret))
            #expect(try await F.source(.nvd, on: w.db).apiKey == secret)

            // An unticked box switches the source off; a bad interval is shown with the form (422), nothing saved.
            page = try await browser.post("/feeds/sources/\(id)", form: ["name": "NVD", "url": nvd.url, "intervalMinutes": "240"])
            #expect(page.status == .seeOther)
            #expect(try await F.source(.nvd, on: w.db).enabled == false)
            page = try await browser.post("/feeds/sources/\(id)", form: ["name": "NVD", "url": nvd.url, "intervalMinutes": "1", "enabled": "true"])
            #expect(page.status == .unprocessableEntity && page.body.string.contains("15"))
            let after = try await F.source(.nvd, on: w.db)
            #expect(after.intervalMinutes == 240 && after.enabled == false && after.apiKey == secret)

            // A provider added and deleted on the pages.
            page = try await browser.post("/feeds/sources", form: ["url": "https://vendor.example/.well-known/csaf/provider-metadata.json", "enabled": "true"])
            #expect(page.status == .seeOther)
            let provider = try await F.source(.csaf, on: w.db)
            #expect(try await browser.post("/feeds/sources/\(provider.requireID())/delete", form: [:]).status == .seeOther)
            #expect(try await FeedSource.query(on: w.db).filter(\.$kind == .csaf).count() == 0)

            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            #expect(try await admin.get("/feeds/sources").status == .forbidden)
            #expect(try await admin.post("/feeds/sources/\(id)/run", form: [:]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCSAFProviderSourceSyncsFromItsStoredCursor(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let provider = try await FakeCSAFProvider.start()
            provider.metadata()
            provider.document("/csaf/white/2024/bsi-2022-0001.json", try CSAFFixture.data("bsi-2022-0001.json"))
            provider.feed([("/csaf/white/2024/bsi-2022-0001.json", "2024-01-10T00:00:00Z")])
            let res = try await send(w, .POST, "/api/v1/feed-sources", #"{"url": "\#(provider.metadataURL.absoluteString)"}"#, as: w.coordinator)
            #expect(res.status == .created)
            let service = FeedSyncService(env: F.environment(w, clock: VirtualClock()), owner: "test")
            guard case .ran(let first) = try await service.run(try await F.source(.csaf, on: w.db), trigger: .cli) else { return }
            #expect(first.error == nil && first.created >= 1)
            let stored = try await F.source(.csaf, on: w.db)
            #expect(CSAFProviderSyncRun.decode(stored.cursor).through != nil)
            let before = provider.paths.count
            guard case .ran(let second) = try await service.run(stored, trigger: .cli) else { return }
            #expect(second.error == nil && second.created == 0)
            #expect(!provider.paths.dropFirst(before).contains { $0.hasPrefix("/csaf/") }, "nothing fetched again")
            await provider.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func epssIsDownloadedGzippedAndImportedOnlyWhenChanged(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let dir = try EPSSFixtures.folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let plain = try EPSSFixtures.write(EPSSFixtures.csv(day: "2026-12-05", rows: ["CVE-2017-5638,0.97565,0.99990", "CVE-2099-0001,0.00043,0.1"]),
                                               "epss_scores-current.csv", in: dir)
            let gz = try Array(Data(contentsOf: URL(fileURLWithPath: try EPSSFixtures.gzip(plain))))
            let modified = "Sat, 05 Dec 2026 12:00:00 GMT"
            let server = try await LoopbackFeedServer.start(group: F.group) { head in
                if head.headers.first(name: "If-Modified-Since") == modified { return FeedReply(status: 304) }
                // The last byte cut: a damaged file the first time a fault is asked.
                return FeedReply(status: 200, headers: [("Content-Type", "application/gzip"), ("Last-Modified", modified)],
                                 body: head.uri.contains("broken") ? Array(gz.dropLast(3)) : gz)
            }
            defer { Task { await server.stop() } }
            let service = FeedSyncService(env: F.environment(w, clock: VirtualClock()), owner: "test")

            // A damaged download: a clear error, nothing stored, the source retried later.
            guard case .ran(let broken) = try await service.run(try await F.source(.epss, on: w.db), trigger: .cli,
                                                                url: server.url(path: "/broken/epss_scores-current.csv.gz")) else { return }
            #expect(broken.error != nil)
            #expect(try await EPSSRecord.query(on: w.db).count() == 0)
            #expect(try await F.source(.epss, on: w.db).failures == 1)

            guard case .ran(let first) = try await service.run(try await F.source(.epss, on: w.db), trigger: .cli,
                                                               url: server.url(path: "/epss_scores-current.csv.gz")) else { return }
            #expect(first.error == nil && first.created == 2)
            let score = try #require(try await EPSSRecord.find("CVE-2017-5638", on: w.db))
            #expect(score.scoreDate == "2026-12-05" && abs(score.score - 0.97565) < 1e-9)
            #expect(try await F.source(.epss, on: w.db).lastModified == modified)

            guard case .ran(let second) = try await service.run(try await F.source(.epss, on: w.db), trigger: .cli,
                                                                url: server.url(path: "/epss_scores-current.csv.gz")) else { return }
            #expect(second.error == nil && second.created + second.updated == 0 && second.notes.contains("304"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSourceThatKeepsFailingIsShownToCoordinators(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let nvd = try await F.source(.nvd, on: w.db)
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            #expect(!(try await coordinator.get("/").body.string.contains("Đồng bộ nguồn dữ liệu đang lỗi")))
            nvd.failures = FeedSource.failuresShown
            nvd.lastError = "HTTP 503 from https://services.nvd.nist.gov/rest/json/cves/2.0: Service Unavailable"
            try await nvd.save(on: w.db)
            let home = try await coordinator.get("/").body.string
            #expect(home.contains("Đồng bộ nguồn dữ liệu đang lỗi") && home.contains("HTTP 503 from"))
            #expect(home.contains("href=\"/feeds/sources/\(try nvd.requireID())\""))
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            #expect(!(try await admin.get("/").body.string.contains("HTTP 503 from")))

            // /feeds shows every source with its next run; only the coordinator gets the link to manage them.
            let feeds = try await coordinator.get("/feeds").body.string
            #expect(feeds.contains("Đồng bộ tự động") && feeds.contains("href=\"/feeds/sources\""))
            let adminFeeds = try await admin.get("/feeds").body.string
            #expect(adminFeeds.contains("Đồng bộ tự động") && !adminFeeds.contains("href=\"/feeds/sources\""))
        }
    }
}
