import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// `truc import-epss FILE`: one file, its scores stored; a missing file or two files fail with a message.
@Suite struct EPSSCommandTests {
    private func run(_ arguments: [String], on app: Application) async throws {
        app.environment.arguments = ["truc"] + arguments
        try await app.execute()
    }

    @Test func importEPSSStoresTheFileAndRefusesBadArguments() async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4))
            let path = VulnerabilityFixtures.coreFixture("epss_scores-2025-03-17.csv")
            try await run(["import-epss", path], on: app)
            let struts = try #require(try await EPSSRecord.find("CVE-2017-5638", on: app.db))
            #expect(struts.scoreDate == "2025-03-17" && struts.score == 0.97559)
            let stored = try await EPSSRecord.query(on: app.db).count()
            #expect(stored > 20)
            await #expect(throws: (any Error).self) { try await run(["import-epss", path, path], on: app) }
            await #expect(throws: (any Error).self) { try await run(["import-epss", path + ".missing"], on: app) }
            await #expect(throws: (any Error).self) { try await run(["import-epss"], on: app) }
            #expect(try await EPSSRecord.query(on: app.db).count() == stored)
            #expect(try await FeedImport.query(on: app.db).filter(\.$kind == "epss").count() == 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
