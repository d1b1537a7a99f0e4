import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// The demo loads its small knowledge base: a new demo world has open findings, KEV findings and deadlines at once.
@Suite struct DemoKnowledgeTests {
    @Test(arguments: TestDatabase.available) func demoWorldHasFindingsAtOnce(database: TestDatabase) async throws {
        try await withEmptyApp(database) { app in
            #expect(try await DemoSeeder.seedIfEmpty(app))
            let cves = try await Vulnerability.query(on: app.db).count()
            #expect(cves > 100)
            let open = try await Finding.query(on: app.db).filter(\.$status == .open).all()
            #expect(open.count >= 50)
            let kev = open.filter(\.kev)
            #expect(kev.count >= 10)
            #expect(kev.allSatisfy { $0.dueAt != nil && $0.kevDueDate != nil })
            #expect(open.allSatisfy { $0.dueAt != nil })
            // The recent KEV appliances: FortiOS 7.0.12 (CVE-2024-21762) and NetScaler ADC 13.1-48.47 (CVE-2023-4966).
            #expect(kev.contains { $0.$vulnerability.id == "CVE-2024-21762" })
            #expect(kev.contains { $0.$vulnerability.id == "CVE-2023-4966" })
            let imports = try await FeedImport.query(on: app.db).all()
            #expect(Set(imports.map(\.kind)) == ["nvd", "kev"])
            // Seeding again changes nothing; the knowledge base is loaded only when empty.
            #expect(try await DemoSeeder.seedIfEmpty(app) == false)
            #expect(try await DemoKnowledge.loadIfEmpty(on: app.db, zone: app.config.timeZone, logger: app.logger) == false)
            #expect(try await Vulnerability.query(on: app.db).count() == cves)
        }
    }

    @Test func embeddedDocumentsDecode() throws {
        let (nvd, kev) = try DemoKnowledge.documents()
        #expect(nvd.count == 2)
        #expect(nvd.allSatisfy { $0.1.starts(with: [0x1f, 0x8b]) })
        let catalog = try KEVCatalog(data: kev)
        #expect(catalog.entries.count >= 10)
        #expect(catalog.skipped.isEmpty)
    }
}
