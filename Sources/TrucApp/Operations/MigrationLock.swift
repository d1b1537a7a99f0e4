import Fluent
import FluentPostgresDriver
import PostgresKit
import Vapor

/// Brings the schema up to date on start. On PostgreSQL several instances may start at once:
/// a session-level advisory lock lets one migrate while the others wait.
enum MigrationLock {
    static let key: Int64 = 7_312_001_2026

    static func migrate(_ app: Application) async throws {
        guard let pg = app.db as? any PostgresDatabase else {
            try await app.autoMigrate()
            return
        }
        try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                _ = try await conn.query("SELECT pg_advisory_lock(\(key))").get()
                do {
                    try await app.autoMigrate()
                } catch {
                    _ = try? await conn.query("SELECT pg_advisory_unlock(\(key))").get()
                    throw error
                }
                _ = try await conn.query("SELECT pg_advisory_unlock(\(key))").get()
            }
        }.get()
    }
}
