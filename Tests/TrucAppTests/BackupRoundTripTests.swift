import Fluent
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// `truc backup` and `truc restore` on SQLite files: a backup taken while writers write restores to exactly what its
/// manifest says, with every transaction whole; without writers, the restored database equals the source.
@Suite struct BackupRoundTripTests {
    @Test func backupDuringConcurrentWritesRestoresConsistently() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/source.sqlite"
        var windows: [(before: Int, after: Int, path: String)] = []
        try await BackupFixture.withApp(.sqliteFile(source)) { app in
            #expect(try await DemoSeeder.seedIfEmpty(app))
            let service = BackupService(app: app)
            let writers = BackupFixture.Writers(count: 3, db: app.db)
            do {
                try await writers.waitFor(30)
                for round in 0..<3 {
                    let path = "\(dir)/during-\(round).sqlite"
                    // Every pair committed before the backup starts is in it; none committed after it ends can be.
                    let before = try await BackupFixture.pairs(on: app.db).settings.count
                    let report = try await service.backup(to: path)
                    let after = try await BackupFixture.pairs(on: app.db).settings.count
                    #expect(report.manifest.tables.contains { $0.name == "app_settings" })
                    windows.append((before, after, path))
                    try await writers.waitFor(writers.count + 10)
                }
                // The writers did write while backups ran (each backup takes many of their transactions' time).
                #expect(windows.contains { $0.after > $0.before }, "no write landed during any backup: \(windows.map { ($0.before, $0.after) })")
                // A transaction open (not committed) while a backup runs is in neither table of the backup.
                let path = "\(dir)/open-transaction.sqlite"
                let before = try await SQLiteTableReader.withFile(source, readOnly: false, threadPool: app.threadPool,
                                                                  eventLoop: app.eventLoopGroup.any(), logger: app.logger) { connection in
                    _ = try await connection.rows("PRAGMA busy_timeout = 60000")
                    _ = try await connection.rows("BEGIN IMMEDIATE")
                    _ = try await connection.rows("INSERT INTO app_settings (key, value) VALUES ('pair-open', 'x')")
                    _ = try await connection.rows("""
                        INSERT INTO audit_entries (id, at, actor_name, action, entity_type, entity_id)
                        VALUES ('00000000-0000-0000-0000-0000000000AA', 0, 'test', 'test.pair', 'pair', 'pair-open')
                        """)
                    // Counted on this connection: the server's pool may be waiting for this transaction's lock.
                    let counted = try await connection.rows("SELECT count(*) AS n FROM app_settings WHERE key LIKE 'pair-%' AND key <> 'pair-open'")
                    let before = Int(counted.first?.column("n")?.integer ?? -1)
                    _ = try await service.backup(to: path)
                    _ = try await connection.rows("COMMIT")
                    return before
                }
                windows.append((before, before, path))
                try await writers.stop()
            } catch {
                try? await writers.stop()
                throw error
            }
        }

        for (index, window) in windows.enumerated() {
            let target = "\(dir)/restored-\(index).sqlite"
            let manifest = try #require(try BackupFiles.manifest(nextTo: window.path))
            try await BackupFixture.withApp(.sqliteFile(target), prepare: false) { app in
                let report = try await BackupService(app: app).restore(from: window.path)
                #expect(report.verified)
                #expect(report.tables == manifest.tables.count && report.rows == manifest.totalRows)
                // Every table's row count and content hash equal the backup's manifest.
                let restored = try await BackupFixture.manifest(ofSQLite: target, app: app)
                #expect(restored.tables == manifest.tables)
                #expect(restored.migrations == manifest.migrations)
            }
            // Opened as the server opens it: every pair whole, and as many as were committed around the backup.
            try await BackupFixture.withApp(.sqliteFile(target)) { app in
                let pairs = try await BackupFixture.pairs(on: app.db)
                #expect(pairs.settings == pairs.audits, "a transaction was cut in two by the backup")
                #expect((window.before...window.after).contains(pairs.settings.count),
                        "\(pairs.settings.count) pairs, committed: \(window.before) before, \(window.after) after")
                #expect(!pairs.settings.contains("pair-open"))
                #expect(try await Person.query(on: app.db).count() > 5)
            }
        }
    }

    @Test func backupAndRestoreWithTheCommandsGiveTheSameDatabase() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/source.sqlite", backup = dir + "/backup file's name.sqlite", target = dir + "/restored.sqlite"
        let original = try await BackupFixture.withApp(.sqliteFile(source)) { app in
            #expect(try await DemoSeeder.seedIfEmpty(app))
            return try await BackupFixture.manifest(ofSQLite: source, app: app)
        }
        #expect(original.tables.count > 40)
        #expect(original.tables.filter { $0.rows > 0 }.count > 15)
        // `truc backup` leaves the database as it is: it does not migrate (and so cannot upgrade a server's database).
        try await BackupFixture.withApp(.sqliteFile(source), prepare: false) { app in
            try await BackupFixture.run(["backup", backup], on: app)
        }
        let manifest = try #require(try BackupFiles.manifest(nextTo: backup))
        #expect(manifest.tables == original.tables)
        #expect(manifest.migrations == Migrations.all.map(\.name))
        let fileHash = try BackupFiles.sha256(backup).hex
        // Only the server's user can read a backup (it holds password hashes and two-factor secrets).
        for file in [backup, backup + ".manifest.json"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)
            #expect(mode.intValue & 0o077 == 0, "\(file): \(String(mode.intValue, radix: 8))")
        }
        #expect(manifest.database == "sqlite" && manifest.fileSHA256 == fileHash)
        try await BackupFixture.withApp(.sqliteFile(target), prepare: false) { app in
            try await BackupFixture.run(["restore", backup], on: app)
            let restored = try await BackupFixture.manifest(ofSQLite: target, app: app)
            #expect(restored.tables == original.tables)
            // A second backup to the same name is refused, and so is a second restore onto the restored database.
            await #expect(throws: CommandFailure.self) { try await BackupFixture.run(["backup", backup], on: app) }
            await #expect(throws: CommandFailure.self) { try await BackupFixture.run(["restore", backup], on: app) }
        }
        #expect(try BackupFiles.manifest(nextTo: backup) == manifest)
        // Nothing of ours is left behind (partial files, copies).
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names.filter { $0.contains("partial") || $0.contains(".restore-") }.isEmpty, "\(names)")
    }
}
