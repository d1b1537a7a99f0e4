import Fluent
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Signed offline knowledge bundles (`truc bundle keygen/export/import`, the upload on /feeds): a round trip from one
/// world into another, idempotence, and every refusal storing nothing.
@Suite struct KnowledgeBundleTests {
    /// A fresh directory under the temporary directory.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truc-bundle-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A KEV catalog listing CVE-2017-5638.
    static let kev = Data("""
    {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2025.01.10", "dateReleased": "2025-01-10T00:00:00.000Z",
     "count": 1, "vulnerabilities": [{"cveID": "CVE-2017-5638", "vendorProject": "Apache", "product": "Struts",
       "vulnerabilityName": "Apache Struts Jakarta Multipart Parser Improper Input Validation", "dateAdded": "2021-11-03",
       "shortDescription": "Apache Struts Jakarta Multipart parser allows for malicious file upload.", "requiredAction": "Apply updates.",
       "dueDate": "2022-05-03", "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": ["CWE-20"]}]}
    """.utf8)

    /// The source world's knowledge base: the Struts CVE (NVD), its KEV entry and a CSAF document.
    static func fillSource(_ w: TestWorld) async throws {
        _ = try await VulnerabilityFixtures.deptAInventory(w)
        _ = try await FeedImporter.importKEV(data: kev, name: "kev.json", on: w.db, zone: w.app.config.timeZone)
        _ = try await FeedImporter.importCSAF(data: CSAFDocumentStoreTests.document(), name: "example.json",
                                              origin: CSAFOrigin(url: "https://psirt.example/a.json", signature: .verified),
                                              on: w.db, zone: w.app.config.timeZone)
    }

    /// What a world's knowledge base holds, comparable across worlds.
    static func snapshot(_ db: any Database) async throws -> [String] {
        let sql = VulnerabilityStore.sql(db)
        var lines: [String] = []
        for row in try await sql.select().columns("id", "description", "metrics", "configurations", "weaknesses", "reference_urls",
                                                  "csaf", "kev", "kev_due_date", "kev_date_added", "kev_ransomware", "sources")
            .from(Vulnerability.schema).orderBy("id").all() {
            var line: [String] = []
            for column in ["id", "description", "metrics", "configurations", "weaknesses", "reference_urls", "csaf", "kev_due_date", "kev_date_added", "sources"] {
                line.append(try row.decode(column: column, as: String?.self) ?? "-")
            }
            line.append("\(try row.decode(column: "kev", as: Bool.self))/\(try row.decode(column: "kev_ransomware", as: Bool.self))")
            lines.append(line.joined(separator: "|"))
        }
        for document in try await CSAFDocumentRecord.query(on: db).sort(\.$trackingID).all() {
            lines.append([document.trackingID, document.publisher, document.title, document.sha256, document.sourceURL ?? "-", document.signature].joined(separator: "|"))
        }
        return lines
    }

    static func counts(_ db: any Database) async throws -> [Int] {
        [try await Vulnerability.query(on: db).count(), try await CSAFDocumentRecord.query(on: db).count(),
         try await FeedImport.query(on: db).count(), try await Finding.query(on: db).count()]
    }

    @Test(arguments: TestDatabase.available) func roundTripIntoAnotherWorldIsIdempotent(db: TestDatabase) async throws {
        let keys = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (privatePath, _, publicKey) = try BundleKeys.generate(into: keys)
        #expect((try FileManager.default.attributesOfItem(atPath: privatePath)[.posixPermissions] as? Int) == 0o600)
        #expect(throws: BundleKeys.Failure.self) { try BundleKeys.generate(into: keys) }
        let key = try BundleKeys.readPrivateKey(privatePath)
        let file = (keys as NSString).appendingPathComponent("all.bundle")
        var until = Date()
        try await withWorld(db) { source in
            try await Self.fillSource(source)
            let summary = try await BundleExporter.export(since: nil, key: key, to: file, on: source.db)
            #expect(summary.header.counts == ["cve": 1, "kev": 1, "csaf": 1])
            #expect(summary.fileSize > 0)
            until = summary.header.until
            // Nothing changed since: no CVE and no CSAF document (the KEV catalog always goes whole).
            let next = (keys as NSString).appendingPathComponent("next.bundle")
            let incremental = try await BundleExporter.export(since: until, key: key, to: next, on: source.db, now: until.addingTimeInterval(60))
            #expect(incremental.header.counts == ["kev": 1])
            let expected = try await Self.snapshot(source.db)

            try await withWorld(db) { target in
                target.app.bundlePublicKeys = BundleKeys.publicKeyText(publicKey)
                // The target has the Struts asset but no knowledge base: the import gives it the finding.
                let principal = try #require(try await Principal.load(personID: target.adminA.id!, tokenID: nil, on: target.db))
                _ = try await InventoryService.createAsset(
                    AssetInput(kind: .software, name: "Struts", vendor: "Apache", product: "Struts", version: "2.5.10",
                               cpes: ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"]),
                    unitID: target.deptA.id!, by: principal, on: target.db, zone: target.app.config.timeZone)
                #expect(try await Finding.query(on: target.db).count() == 0)
                let report = try await BundleImporter.importBundle(file, name: "all.bundle", publicKeys: target.app.bundlePublicKeys,
                                                                   on: target.db, zone: target.app.config.timeZone)
                #expect(report.kind == "bundle" && report.records == 3)
                #expect(try await Self.snapshot(target.db) == expected)
                let finding = try #require(try await Finding.query(on: target.db).first())
                #expect(finding.$vulnerability.id == "CVE-2017-5638" && finding.kev)
                // Importing it again changes nothing.
                let before = try await Self.counts(target.db)
                let again = try await BundleImporter.importBundle(file, name: "all.bundle", publicKeys: target.app.bundlePublicKeys,
                                                                  on: target.db, zone: target.app.config.timeZone)
                #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3)
                #expect(try await Self.snapshot(target.db) == expected)
                var after = try await Self.counts(target.db)
                after[2] -= 1  // the second run is recorded in feed_imports
                #expect(after == before)
                // The incremental bundle applies too, and changes nothing.
                let third = try await BundleImporter.importBundle(next, name: "next.bundle", publicKeys: target.app.bundlePublicKeys,
                                                                  on: target.db, zone: target.app.config.timeZone)
                #expect(third.created == 0 && third.updated == 0)
                #expect(try await Self.snapshot(target.db) == expected)
            }
        }
    }

    /// Writes a bundle of the source world signed by a new key; returns (file bytes, public key text, another key's text).
    static func signedBundle(_ w: TestWorld, in directory: String) async throws -> (Data, String, String) {
        let mine = (directory as NSString).appendingPathComponent("mine")
        let other = (directory as NSString).appendingPathComponent("other")
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let (privatePath, _, publicKey) = try BundleKeys.generate(into: mine)
        let (_, _, otherKey) = try BundleKeys.generate(into: other)
        let file = (directory as NSString).appendingPathComponent("good.bundle")
        _ = try await BundleExporter.export(since: nil, key: try BundleKeys.readPrivateKey(privatePath), to: file, on: w.db)
        return (try Data(contentsOf: URL(fileURLWithPath: file)), BundleKeys.publicKeyText(publicKey), BundleKeys.publicKeyText(otherKey))
    }

    @Test(arguments: TestDatabase.available) func refusedBundlesStoreNothing(db: TestDatabase) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withWorld(db) { w in
            try await Self.fillSource(w)
            let (good, publicKey, otherKey) = try await Self.signedBundle(w, in: directory)
            let prefix = try KnowledgeBundleFormat.parsePrefix(good)
            let payloadStart = prefix.payloadOffset
            let magicLength = KnowledgeBundleFormat.magic.utf8.count + 1

            try await withWorld(db) { target in
                let before = try await Self.counts(target.db)
                func attempt(_ data: Data, keys: String? = nil) async -> KnowledgeBundleError? {
                    let path = (directory as NSString).appendingPathComponent("try-\(UUID().uuidString).bundle")
                    do {
                        try data.write(to: URL(fileURLWithPath: path))
                        _ = try await BundleImporter.importBundle(path, name: "try.bundle", publicKeys: keys ?? publicKey, on: target.db,
                                                                  zone: target.app.config.timeZone)
                        return nil
                    } catch let error as KnowledgeBundleError {
                        return error
                    } catch {
                        Issue.record("unexpected error \(error)")
                        return nil
                    }
                }
                // Wrong key, no key, an invalid key.
                #expect(await attempt(good, keys: otherKey) == .badSignature(keyID: prefix.header.keyID))
                #expect(await attempt(good, keys: "") == .noKeyConfigured)
                #expect(await attempt(good, keys: "not-a-key") == .invalidPublicKey("not-a-key"))
                // Tampered header: one count changed, the signature no longer matches.
                var header = prefix.header
                header.counts["cve"] = 99
                var tampered = KnowledgeBundleFormat.prefix(headerJSON: try header.encoded(), signature: prefix.signature)
                tampered.append(good[payloadStart...])
                #expect(await attempt(tampered) == .badSignature(keyID: prefix.header.keyID))
                // Tampered payload: one byte flipped.
                var flipped = good
                flipped[good.count - 10] ^= 0xFF
                #expect(await attempt(flipped) == .payloadMismatch)
                // Truncated, corrupt (more bytes), unsigned, not a bundle.
                let payloadSize = good.count - payloadStart
                #expect(await attempt(good.prefix(good.count - 7)) == .truncated(expected: payloadSize, actual: payloadSize - 7))
                #expect(await attempt(good.prefix(payloadStart / 2)) != nil)
                #expect(await attempt(good + Data("extra".utf8)) == .payloadMismatch)
                var unsigned = good.prefix(magicLength + prefix.headerJSON.count + 1)
                unsigned.append(0x0A)
                unsigned.append(good[payloadStart...])
                #expect(await attempt(Data(unsigned)) == .unsigned)
                #expect(await attempt(Data("PK\u{3}\u{4} a zip file".utf8)) == .notABundle)
                #expect(await attempt(Data()) == .notABundle)
                // Signed by the trusted key, but one item cannot be applied (a CSAF document that is not one): refused
                // whole, so the valid CVE record before it is not stored either.
                let trusted = try BundleKeys.readPrivateKey((directory as NSString).appendingPathComponent("mine/truc-bundle.key"))
                let crafted = (directory as NSString).appendingPathComponent("crafted.bundle")
                _ = try BundleExporter.write([.cve(try VulnerabilityFixtures.struts()),
                                              .csaf(.init(trackingID: "X-1", publisher: "X", url: nil, signature: "none", content: "{}"))],
                                             since: nil, key: trusted, to: crafted)
                let invalid = await attempt(try Data(contentsOf: URL(fileURLWithPath: crafted)))
                #expect(invalid.map { "\($0)" }?.contains("CSAF document X-1") == true)
                // Nothing stored by any of them; the good one still imports.
                #expect(try await Self.counts(target.db) == before)
                #expect(await attempt(good) == nil)
                #expect(try await Vulnerability.query(on: target.db).count() > before[0])
            }
        }
    }

    @Test(arguments: TestDatabase.available) func commandLineExportAndImport(db: TestDatabase) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = (directory as NSString).appendingPathComponent("cli.bundle")
        try await withWorld(db) { source in
            try await Self.fillSource(source)
            func run(_ app: Application, _ arguments: [String]) async throws {
                app.environment.arguments = ["truc", "bundle"] + arguments
                try await app.execute()
            }
            try await run(source.app, ["keygen", "-o", directory])
            let publicKey = try String(contentsOfFile: (directory as NSString).appendingPathComponent("truc-bundle.pub"), encoding: .utf8)
            try await run(source.app, ["export", "--since", "all", "--key", (directory as NSString).appendingPathComponent("truc-bundle.key"), "-o", file])
            await #expect(throws: (any Error).self) { try await run(source.app, ["export", "--since", "yesterday", "-o", file]) }
            await #expect(throws: (any Error).self) { try await run(source.app, ["frobnicate"]) }
            try await withWorld(db) { target in
                await #expect(throws: (any Error).self) { try await run(target.app, ["import", file]) }  // no key configured
                target.app.bundlePublicKeys = publicKey
                try await run(target.app, ["import", file])
                #expect(try await Self.snapshot(target.db) == (try await Self.snapshot(source.db)))
                var data = try Data(contentsOf: URL(fileURLWithPath: file))
                data[data.count - 3] ^= 0x01
                let bad = (directory as NSString).appendingPathComponent("bad.bundle")
                try data.write(to: URL(fileURLWithPath: bad))
                await #expect(throws: (any Error).self) { try await run(target.app, ["import", bad]) }
            }
        }
    }

    @Test(arguments: TestDatabase.available) func uploadOnFeedsIsForCoordinatorsAndAudited(db: TestDatabase) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withWorld(db) { source in
            try await Self.fillSource(source)
            let (good, publicKey, _) = try await Self.signedBundle(source, in: directory)
            try await withWorld(db) { w in
                typealias F = CampaignFixtures
                func upload(_ s: BrowserSession, _ data: Data, csrf: Bool = true) async throws -> TestingHTTPResponse {
                    try await w.app.testing().sendRequest(.POST, "/feeds/bundle", headers: F.multipartHeaders(s.headers()),
                                                          body: F.multipart(csrf ? [("_csrf", s.csrf)] : [],
                                                                            file: .init(field: "bundle", filename: "kb.bundle", data: [UInt8](data))))
                }
                var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
                // No key configured: the page says so and shows no form; an upload is refused.
                var page = try await coordinator.get("/feeds")
                #expect(page.body.string.contains("id=\"bundle\"") && !page.body.string.contains("action=\"/feeds/bundle\""))
                #expect(try await upload(coordinator, good).status == .unprocessableEntity)
                w.app.bundlePublicKeys = publicKey
                page = try await coordinator.get("/feeds")
                #expect(page.body.string.contains("action=\"/feeds/bundle\""))
                let before = try await Self.counts(w.db)
                // Not a coordinator; no CSRF token; an empty file; a tampered one.
                var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
                _ = try await admin.get("/feeds")
                #expect(try await upload(admin, good).status == .forbidden)
                #expect(try await upload(coordinator, good, csrf: false).status.code >= 400)
                #expect(try await upload(coordinator, Data()).status == .badRequest)
                var tampered = good
                tampered[tampered.count - 5] ^= 0x40
                let refused = try await upload(coordinator, tampered)
                #expect(refused.status == .unprocessableEntity)
                #expect(try await Self.counts(w.db) == before)
                #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "bundle.refuse").count() == 2)
                // The good one: imported, redirected with the counts, audited.
                let res = try await upload(coordinator, good)
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/feeds") == true)
                #expect(try await Self.snapshot(w.db) == (try await Self.snapshot(source.db)))
                #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "bundle.import").count() == 1)
            }
        }
    }
}
