import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// M029: every CSAF document imported is stored whole in `csaf_documents` with its origin and signature state,
/// replaced by a newer version, and shown on /feeds and the CVE page.
@Suite struct CSAFDocumentStoreTests {
    /// A small CSAF 2.0 advisory about `cve` (the title varies so that a "new version" differs).
    static func document(trackingID: String = "EXAMPLE-2025-0001", cve: String = "CVE-2099-0001", title: String = "Example advisory") -> Data {
        Data("""
        {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0", "title": "\(title)",
          "publisher": {"category": "vendor", "name": "Example PSIRT", "namespace": "https://psirt.example"},
          "tracking": {"id": "\(trackingID)", "status": "final", "version": "1",
            "initial_release_date": "2025-01-10T00:00:00Z", "current_release_date": "2025-01-10T00:00:00Z"}},
         "product_tree": {"full_product_names": [{"product_id": "P1", "name": "Example Router 1.0",
            "product_identification_helper": {"cpe": "cpe:2.3:o:example:router_firmware:1.0:*:*:*:*:*:*:*"}}]},
         "vulnerabilities": [{"cve": "\(cve)", "title": "Example flaw",
            "notes": [{"category": "description", "text": "An example flaw."}],
            "product_status": {"known_affected": ["P1"]},
            "remediations": [{"category": "vendor_fix", "details": "Upgrade to 1.1", "product_ids": ["P1"]}]}]}
        """.utf8)
    }

    @Test(arguments: TestDatabase.available) func documentsAreStoredReplacedAndShown(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let zone = w.app.config.timeZone
            let origin = CSAFOrigin(url: "https://psirt.example/csaf/example-2025-0001.json", signature: .verified)
            let v1 = Self.document()
            var report = try await FeedImporter.importCSAF(data: v1, name: "example.json", origin: origin, on: w.db, zone: zone)
            #expect(report.problems.contains { $0.hasPrefix("document stored") })
            var rows = try await CSAFDocumentRecord.query(on: w.db).all()
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.trackingID == "EXAMPLE-2025-0001" && row.publisher == "Example PSIRT" && row.title == "Example advisory")
            #expect(row.sha256 == VulnerabilityStore.hash(v1) && row.size == v1.count && row.content == String(decoding: v1, as: UTF8.self))
            #expect(row.signature == "verified" && row.sourceURL == origin.url)

            // The same document again: nothing new stored.
            report = try await FeedImporter.importCSAF(data: v1, name: "example.json", origin: origin, on: w.db, zone: zone)
            #expect(!report.problems.contains { $0.hasPrefix("document stored") })
            rows = try await CSAFDocumentRecord.query(on: w.db).all()
            #expect(rows.count == 1 && rows.first?.id == row.id)

            // A newer version replaces the stored one (one row per tracking id and publisher).
            let v2 = Self.document(title: "Example advisory (updated)")
            _ = try await FeedImporter.importCSAF(data: v2, name: "example.json", origin: .file, on: w.db, zone: zone)
            rows = try await CSAFDocumentRecord.query(on: w.db).all()
            #expect(rows.count == 1)
            #expect(rows.first?.sha256 == VulnerabilityStore.hash(v2) && rows.first?.signature == "none" && rows.first?.sourceURL == nil)
            _ = try await FeedImporter.importCSAF(data: v2, name: "example.json", origin: origin, on: w.db, zone: zone)
            _ = try await FeedImporter.importCSAF(data: Self.document(trackingID: "EXAMPLE-2025-0002", cve: "CVE-2099-0002"),
                                                  name: "other.json", origin: .file, on: w.db, zone: zone)
            #expect(try await CSAFDocumentRecord.query(on: w.db).count() == 2)

            // A document over the size limit is refused before anything is stored.
            await #expect(throws: (any Error).self) {
                _ = try await FeedImporter.importCSAF(data: Data(count: CSAFDocumentRecord.maxSize + 1), name: "big.json", origin: .file,
                                                      on: w.db, zone: zone)
            }
            #expect(try await CSAFDocumentRecord.query(on: w.db).count() == 2)

            // Shown on /feeds and on the CVE page with the signature state.
            var browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            var page = try await browser.get("/feeds")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("EXAMPLE-2025-0001") && page.body.string.contains("EXAMPLE-2025-0002"))
            #expect(page.body.string.contains("href=\"https://psirt.example/csaf/example-2025-0001.json\""))
            page = try await browser.get("/cves/CVE-2099-0001")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("sig-verified"))
            page = try await browser.get("/cves/CVE-2099-0002")
            #expect(page.status == .ok && !page.body.string.contains("sig-verified"))
        }
    }
}
