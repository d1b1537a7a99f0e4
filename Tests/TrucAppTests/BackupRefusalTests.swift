import Fluent
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// `truc restore` refuses every bad input with a clear message and changes nothing: a target that is not empty,
/// garbage, a cut file, a damaged one, a manifest that does not match, a backup from a newer version.
@Suite struct BackupRefusalTests {
    /// A backup (with its manifest) of a small province, in a fresh directory.
    private func makeBackup(_ dir: String) async throws -> String {
        let source = dir + "/source.sqlite", backup = dir + "/good.sqlite"
        try await BackupFixture.withApp(.sqliteFile(source)) { app in
            _ = try await makeWorld(app)
            _ = try await BackupService(app: app).backup(to: backup)
        }
        return backup
    }

    /// Restores `file` into `target`, expecting a refusal that mentions `expected`; the target and the directory are
    /// as they were.
    private func expectRefusal(_ file: String, into target: String, mentioning expected: String,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let dir = BackupFiles.directory(of: target)
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let before = BackupFixture.fingerprint(target)
        let fileBefore = BackupFixture.fingerprint(file)
        try await BackupFixture.withApp(.sqliteFile(target), prepare: false) { app in
            do {
                try await BackupFixture.run(["restore", file], on: app)
                Issue.record("restored \(file)", sourceLocation: sourceLocation)
            } catch let failure as CommandFailure {
                #expect(failure.description.contains(expected), "\(failure.description)", sourceLocation: sourceLocation)
            }
        }
        #expect(BackupFixture.fingerprint(target) == before, "the target changed", sourceLocation: sourceLocation)
        #expect(BackupFixture.fingerprint(file) == fileBefore, "the backup changed", sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == listing, sourceLocation: sourceLocation)
    }

    private func copy(_ from: String, _ to: String, manifest: Bool) throws {
        try FileManager.default.copyItem(atPath: from, toPath: to)
        if manifest { try FileManager.default.copyItem(atPath: from + ".manifest.json", toPath: to + ".manifest.json") }
    }

    /// Runs SQL on a copy of a backup (which then no longer matches a copied manifest).
    private func edit(_ path: String, _ statements: [String]) async throws {
        try await BackupFixture.withApp(.sqliteMemory, prepare: false) { app in
            try await SQLiteTableReader.withFile(path, readOnly: false, threadPool: app.threadPool, eventLoop: app.eventLoopGroup.any(),
                                                 logger: app.logger) { reader in
                for statement in statements { _ = try await reader.rows(statement) }
            }
        }
    }

    @Test func refusesATargetThatIsNotEmpty() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backup = try await makeBackup(dir)
        let targets = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: targets) }
        // A database with tables (the source itself, a server's database).
        try await expectRefusal(backup, into: dir + "/source.sqlite", mentioning: "a restore goes only into an empty database")
        // A file that is not a database at all.
        try Data("important notes".utf8).write(to: URL(fileURLWithPath: targets + "/notes.sqlite"))
        try await expectRefusal(backup, into: targets + "/notes.sqlite", mentioning: "not an empty database")
        // A journal next to the target: a server may be writing it.
        try Data("wal".utf8).write(to: URL(fileURLWithPath: targets + "/busy.sqlite-wal"))
        try await expectRefusal(backup, into: targets + "/busy.sqlite", mentioning: "is a server using")
        // An empty file, or a database without tables, is an empty target.
        _ = FileManager.default.createFile(atPath: targets + "/empty.sqlite", contents: Data())
        try await BackupFixture.withApp(.sqliteFile(targets + "/empty.sqlite"), prepare: false) { app in
            let report = try await BackupService(app: app).restore(from: backup)
            #expect(report.verified)
        }
    }

    @Test func refusesFilesThatAreNotWholeBackups() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backup = try await makeBackup(dir)
        let target = dir + "/target.sqlite"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))

        try await expectRefusal(dir + "/missing.sqlite", into: target, mentioning: "there is no file")
        try await expectRefusal(dir, into: target, mentioning: "is a directory")
        _ = FileManager.default.createFile(atPath: dir + "/empty.bin", contents: Data())
        try await expectRefusal(dir + "/empty.bin", into: target, mentioning: "is empty")
        var random = SystemRandomNumberGenerator()
        _ = FileManager.default.createFile(atPath: dir + "/garbage.bin", contents: Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &random) }))
        try await expectRefusal(dir + "/garbage.bin", into: target, mentioning: "neither an SQLite database nor a PostgreSQL")
        _ = FileManager.default.createFile(atPath: dir + "/text.sqlite", contents: Data(String(repeating: "CREATE TABLE x;\n", count: 100).utf8))
        try await expectRefusal(dir + "/text.sqlite", into: target, mentioning: "neither an SQLite database")
        // Wrong kind: a PostgreSQL dump cannot go into SQLite.
        _ = FileManager.default.createFile(atPath: dir + "/pg.dump", contents: Data("PGDMP\u{1}\u{e}\u{0}".utf8) + Data(count: 200))
        try await expectRefusal(dir + "/pg.dump", into: target, mentioning: "is a PostgreSQL dump")

        // Cut short: within a page, at a page boundary (with and without its manifest).
        _ = FileManager.default.createFile(atPath: dir + "/cut.sqlite", contents: bytes.prefix(bytes.count / 2 + 100))
        try await expectRefusal(dir + "/cut.sqlite", into: target, mentioning: "not a whole SQLite database")
        _ = FileManager.default.createFile(atPath: dir + "/cut-page.sqlite", contents: bytes.prefix(4096 * 3))
        try await expectRefusal(dir + "/cut-page.sqlite", into: target, mentioning: "pages its header announces")
        _ = FileManager.default.createFile(atPath: dir + "/cut-page-m.sqlite", contents: bytes.prefix(4096 * 3))
        try FileManager.default.copyItem(atPath: backup + ".manifest.json", toPath: dir + "/cut-page-m.sqlite.manifest.json")
        try await expectRefusal(dir + "/cut-page-m.sqlite", into: target, mentioning: "not a whole SQLite database")

        // Damaged inside (no manifest to notice it first): every page after the first two overwritten.
        var damaged = bytes
        for index in (4096 * 2)..<damaged.count { damaged[index] = 0xA5 }
        _ = FileManager.default.createFile(atPath: dir + "/damaged.sqlite", contents: damaged)
        try await expectRefusal(dir + "/damaged.sqlite", into: target, mentioning: "damaged")

        // A manifest that is not one.
        try copy(backup, dir + "/bad-manifest.sqlite", manifest: false)
        try Data("{\"format\": 1".utf8).write(to: URL(fileURLWithPath: dir + "/bad-manifest.sqlite.manifest.json"))
        try await expectRefusal(dir + "/bad-manifest.sqlite", into: target, mentioning: "not a backup manifest")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func refusesABackupThatDoesNotMatchItsManifest() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backup = try await makeBackup(dir)
        let target = dir + "/target.sqlite"
        // The file was changed after the backup: its hash no longer matches.
        try copy(backup, dir + "/changed.sqlite", manifest: true)
        try await edit(dir + "/changed.sqlite", ["UPDATE units SET name = 'Đổi tên' WHERE code = 'SO-A'"])
        try await expectRefusal(dir + "/changed.sqlite", into: target, mentioning: "does not match its manifest")
        // The manifest's table counts or hashes differ from the file (the file's own hash still matches): the
        // refusal names the tables.
        try copy(backup, dir + "/tampered.sqlite", manifest: false)
        var manifest = try #require(try BackupFiles.manifest(nextTo: backup))
        let units = try #require(manifest.tables.firstIndex { $0.name == "units" })
        let people = try #require(manifest.tables.firstIndex { $0.name == "people" })
        manifest.tables[units].rows += 1
        manifest.tables[people].sha256 = String(repeating: "0", count: 64)
        try manifest.encoded().write(to: URL(fileURLWithPath: dir + "/tampered.sqlite.manifest.json"))
        try await expectRefusal(dir + "/tampered.sqlite", into: target, mentioning: "people: contents differ; units: ")
        // A manifest of a PostgreSQL backup next to an SQLite file.
        try copy(backup, dir + "/other-kind.sqlite", manifest: false)
        var other = try #require(try BackupFiles.manifest(nextTo: backup))
        other.database = "postgresql"
        try other.encoded().write(to: URL(fileURLWithPath: dir + "/other-kind.sqlite.manifest.json"))
        try await expectRefusal(dir + "/other-kind.sqlite", into: target, mentioning: "describes a postgresql backup")
    }

    @Test func refusesABackupFromANewerVersion() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backup = try await makeBackup(dir)
        let target = dir + "/target.sqlite"
        let future = "INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES ('00000000-0000-0000-0000-0000000000FF', 'TrucApp.CreateSomethingNew', 9, 0, 0)"
        // Without a manifest: read from the file.
        try copy(backup, dir + "/newer.sqlite", manifest: false)
        try await edit(dir + "/newer.sqlite", [future])
        try await expectRefusal(dir + "/newer.sqlite", into: target, mentioning: "newer version of Trực ATTT")
        // With its own (consistent) manifest: refused before the file is even copied.
        let made = try await BackupFixture.withApp(.sqliteFile(dir + "/newer.sqlite"), prepare: false) { app in
            try await BackupService(app: app).backup(to: dir + "/newer-backup.sqlite").manifest
        }
        #expect(made.migrations.last == "TrucApp.CreateSomethingNew")
        try await expectRefusal(dir + "/newer-backup.sqlite", into: target, mentioning: "TrucApp.CreateSomethingNew")
        // Not a database of ours at all: no migrations table.
        try copy(backup, dir + "/foreign.sqlite", manifest: false)
        try await edit(dir + "/foreign.sqlite", ["DROP TABLE _fluent_migrations"])
        try await expectRefusal(dir + "/foreign.sqlite", into: target, mentioning: "no _fluent_migrations table")
    }

    @Test func backupRefusesToOverwriteOrToCopyWhatIsNotThere() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backup = try await makeBackup(dir)
        let fingerprint = BackupFixture.fingerprint(backup)
        try await BackupFixture.withApp(.sqliteFile(dir + "/source.sqlite"), prepare: false) { app in
            let service = BackupService(app: app)
            await #expect(throws: BackupError.self) { try await service.backup(to: backup) }
            _ = FileManager.default.createFile(atPath: dir + "/only-manifest.sqlite.manifest.json", contents: Data("{}".utf8))
            await #expect(throws: BackupError.self) { try await service.backup(to: dir + "/only-manifest.sqlite") }
            await #expect(throws: BackupError.self) { try await service.backup(to: dir + "/no/such/dir/b.sqlite") }
        }
        #expect(BackupFixture.fingerprint(backup) == fingerprint)
        try await BackupFixture.withApp(.sqliteFile(dir + "/absent.sqlite"), prepare: false) { app in
            await #expect(throws: BackupError.self) { try await BackupService(app: app).backup(to: dir + "/b2.sqlite") }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/absent.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/b2.sqlite"))
    }
}
