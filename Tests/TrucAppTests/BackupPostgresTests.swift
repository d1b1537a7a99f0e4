import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// The round trip on PostgreSQL, into a second, freshly created database: pg_dump of one snapshot while writers
/// write, pg_restore in one transaction, every table compared with the manifest. Needs TEST_POSTGRES_URL and the
/// PostgreSQL client tools (pg_dump, pg_restore) on PATH; skipped otherwise.
@Suite(.enabled(if: BackupFixture.postgresToolsAvailable, "needs TEST_POSTGRES_URL and pg_dump / pg_restore on PATH"))
struct BackupPostgresTests {
    private func withDatabases(_ count: Int, _ body: ([String]) async throws -> Void) async throws {
        let names = (0..<count).map { _ in "truc_bk_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased() }
        for name in names { try await BackupFixture.postgresAdmin("CREATE DATABASE \(name)") }
        do {
            try await body(try names.map { try BackupFixture.postgresURL(database: $0) })
        } catch {
            for name in names { try? await BackupFixture.postgresAdmin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            throw error
        }
        for name in names { try await BackupFixture.postgresAdmin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    @Test func backupDuringWritesAndRestoreIntoAnEmptyDatabase() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withDatabases(2) { urls in
            let (source, target) = (urls[0], urls[1])
            let backup = dir + "/truc.dump"
            var window = (0, 0)
            try await BackupFixture.withApp(.postgres(url: source, searchPath: nil)) { app in
                #expect(try await DemoSeeder.seedIfEmpty(app))
                let writers = BackupFixture.Writers(count: 3, db: app.db)
                do {
                    try await writers.waitFor(30)
                    let before = try await BackupFixture.pairs(on: app.db).settings.count
                    let report = try await BackupService(app: app).backup(to: backup)
                    let after = try await BackupFixture.pairs(on: app.db).settings.count
                    window = (before, after)
                    #expect(report.manifest.database == "postgresql" && report.manifest.tables.count > 40)
                    try await writers.stop()
                } catch {
                    try? await writers.stop()
                    throw error
                }
            }
            let manifest = try #require(try BackupFiles.manifest(nextTo: backup))
            let fileHash = try BackupFiles.sha256(backup).hex
            #expect(manifest.fileSHA256 == fileHash)
            try await BackupFixture.withApp(.postgres(url: target, searchPath: nil), prepare: false) { app in
                // Bad inputs first: nothing reaches the database.
                _ = FileManager.default.createFile(atPath: dir + "/garbage.dump", contents: Data("PGDMP".utf8) + Data(repeating: 7, count: 500))
                await #expect(throws: BackupError.self) { try await BackupService(app: app).restore(from: dir + "/garbage.dump") }
                _ = FileManager.default.createFile(atPath: dir + "/cut.dump", contents: try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(4000))
                try FileManager.default.copyItem(atPath: backup + ".manifest.json", toPath: dir + "/cut.dump.manifest.json")
                await #expect(throws: BackupError.self) { try await BackupService(app: app).restore(from: dir + "/cut.dump") }
                try await BackupService(app: app).checkEmptyPostgresTarget(app.db as! any PostgresDatabase)

                let report = try await BackupService(app: app).restore(from: backup)
                #expect(report.verified && report.tables == manifest.tables.count && report.rows == manifest.totalRows)
                let restored = try await BackupFixture.manifest(ofPostgres: app)
                #expect(restored.tables == manifest.tables)
                #expect(restored.migrations == manifest.migrations)
                // Not into a database that has tables now.
                do {
                    _ = try await BackupService(app: app).restore(from: backup)
                    Issue.record("restored twice")
                } catch let error as BackupError {
                    #expect(error.description.contains("only into an empty database"))
                }
                #expect(try await BackupFixture.manifest(ofPostgres: app).tables == manifest.tables)
            }
            try await BackupFixture.withApp(.postgres(url: target, searchPath: nil)) { app in
                let pairs = try await BackupFixture.pairs(on: app.db)
                #expect(pairs.settings == pairs.audits, "a transaction was cut in two by the backup")
                #expect((window.0...window.1).contains(pairs.settings.count))
            }
        }
    }

    /// The same rows give the same table hashes on SQLite and on PostgreSQL (UUIDs, dates, booleans, integers, NULL).
    @Test func theSameRowsHashTheSameOnBothDatabases() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func fill(_ db: any Database) async throws {
            for i in 0..<5 {
                let run = BackupRun(fileName: "truc-2026043\(i)-010000Z.sqlite", startedAt: Date(timeIntervalSince1970: 1_777_510_800.123456 + Double(i)),
                                    owner: "owner-\(i)")
                run.id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964F\(i)")
                run.ok = i % 2 == 0
                run.bytes = i == 3 ? nil : Int64(i) * 1_000_000_007
                run.tables = i
                run.rows = Int64(i * 17)
                run.error = i % 2 == 0 ? nil : "lỗi \"\(i)\", ổ đĩa đầy"
                run.finishedAt = i == 4 ? nil : Date(timeIntervalSince1970: 1_777_520_000.5 + Double(i))
                try await run.create(on: db)
            }
        }
        let onSQLite = try await BackupFixture.withApp(.sqliteFile(dir + "/same.sqlite")) { app in
            try await fill(app.db)
            return try await BackupFixture.manifest(ofSQLite: dir + "/same.sqlite", app: app)
        }
        try await withDatabases(1) { urls in
            let onPostgres = try await BackupFixture.withApp(.postgres(url: urls[0], searchPath: nil)) { app in
                try await fill(app.db)
                return try await BackupFixture.manifest(ofPostgres: app)
            }
            let table = { (m: BackupManifest) in m.tables.first { $0.name == BackupRun.schema } }
            #expect(table(onSQLite) != nil)
            #expect(table(onSQLite) == table(onPostgres))
            #expect(Set(onSQLite.tables.map(\.name)) == Set(onPostgres.tables.map(\.name)))
        }
    }
}
