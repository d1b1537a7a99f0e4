import Fluent
import Foundation
import Testing
import TrucNet
import Vapor
@testable import TrucApp

/// A running app on a fresh, empty database (no world): for the demo and bundle tests.
func withEmptyApp(_ database: TestDatabase, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var schema: String?
    do {
        var config = AppConfig(database: .sqliteMemory, bcryptCost: 4, loginMaxFailures: 3, loginMaxWaitSeconds: 600)
        config.databasePoolTimeoutSeconds = 60
        if database == .postgres, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] {
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await PostgresSchema.create(name, url: url)
            schema = name
            config.database = .postgres(url: url, searchPath: name)
        }
        try await configure(app, config: config)
        app.outbound.resolver = StaticHostResolver()
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if let schema, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] { try? await PostgresSchema.drop(schema, url: url) }
        throw error
    }
    try await app.asyncShutdown()
    if let schema, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] { try? await PostgresSchema.drop(schema, url: url) }
}
