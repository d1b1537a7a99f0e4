import FluentSQLiteDriver
import Foundation
import TrucCore

extension BackupService {
    // MARK: - Backup

    func backupSQLite(source: String, to path: String, progress: Progress?) async throws -> BackupReport {
        guard BackupFiles.exists(source) else { throw BackupError("there is no database at \(source) (TRUC_SQLITE_PATH)") }
        guard case .sqlite = BackupFileKind(header: try BackupFiles.head(source, count: BackupFileKind.headerLength)) else {
            throw BackupError("\(source) is not an SQLite database")
        }
        try BackupFiles.checkDestination(path)
        let partial = BackupFiles.partialPath(for: path)
        try BackupFiles.createPrivate(partial)
        defer { unlink(partial) }
        progress?("copying \(source)…")
        // A connection of its own: the copy may take a while and must not hold one of the server's.
        let connection = try await SQLiteConnection.open(storage: .file(path: SQLiteTableReader.uri(source, readOnly: false)),
                                                         threadPool: threadPool, logger: logger, on: eventLoop)
        do {
            _ = try await connection.query("PRAGMA busy_timeout = 60000")
            // One read transaction: a consistent snapshot of the whole database, whatever the writers do meanwhile.
            _ = try await connection.query("VACUUM INTO ?", [.text(partial)])
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw BackupError("SQLite could not copy \(source): \(error)")
        }
        BackupFiles.sync(partial)
        progress?("computing the manifest…")
        var manifest: BackupManifest
        do {
            manifest = try await SQLiteTableReader.withFile(partial, threadPool: threadPool, eventLoop: eventLoop, logger: logger) {
                try await BackupManifestBuilder.compute($0, progress: progress)
            }
        } catch let error as BackupError {
            throw BackupError("\(source): \(error)")
        }
        let (sha, bytes) = try BackupFiles.sha256(partial)
        manifest.fileBytes = bytes
        manifest.fileSHA256 = sha
        try BackupFiles.publish(partial, as: path)
        do {
            try BackupFiles.writeNew(try manifest.encoded(), to: BackupManifest.path(forBackup: path))
        } catch {
            // A backup without its manifest is not one we made whole: take it back.
            unlink(path)
            throw error
        }
        return BackupReport(path: path, manifest: manifest, bytes: bytes, seconds: 0)
    }

    // MARK: - Restore

    func restoreSQLite(from path: String, kind: BackupFileKind, into target: String, progress: Progress?) async throws -> RestoreReport {
        if let cut = kind.truncation(fileSize: BackupFiles.size(path)) {
            throw BackupError("\(path) is not a whole SQLite database: \(cut)")
        }
        let manifest = try BackupFiles.manifest(nextTo: path)
        if let manifest {
            try Self.checkManifest(manifest, of: path, database: "sqlite")
            try checkMigrations(manifest.migrations, of: path)
        }
        try await checkEmptySQLiteTarget(target)

        // Work on a copy next to the target: the backup file itself is never opened by SQLite, and the copy becomes
        // the database in one rename once it has passed every check.
        let temporary = BackupFiles.directory(of: target) + "/." + (target as NSString).lastPathComponent
            + ".restore-" + UUID().uuidString.prefix(8).lowercased()
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        progress?("copying \(path)…")
        do {
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
        } catch {
            throw BackupError("cannot copy \(path) next to \(target): \(error.localizedDescription)")
        }
        progress?("checking \(path)…")
        let computed: BackupManifest
        do {
            computed = try await SQLiteTableReader.withFile(temporary, readOnly: false, threadPool: threadPool, eventLoop: eventLoop, logger: logger) { reader in
                let integrity = try await reader.integrityCheck()
                guard integrity == "ok" else { throw BackupError("\(path) is damaged: SQLite's integrity check says \(integrity.prefix(300))") }
                guard let applied = try await reader.migrations() else {
                    throw BackupError("\(path) is not a database of Trực ATTT: it has no \(BackupManifestBuilder.migrationsTable) table")
                }
                try checkMigrations(applied, of: path)
                return try await BackupManifestBuilder.compute(reader, progress: progress)
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("\(path) is damaged or not an SQLite database: \(error)")
        }
        if let manifest {
            let differences = manifest.differences(from: computed)
            guard differences.isEmpty else {
                throw BackupError("\(path) does not match its manifest: \(Self.describe(differences))")
            }
        }
        BackupFiles.sync(temporary)
        // Checked again at the last moment: nothing may have appeared at the target meanwhile.
        try await checkEmptySQLiteTarget(target)
        guard rename(temporary, target) == 0 else {
            throw BackupError("cannot move the restored database to \(target): \(String(cString: strerror(errno)))")
        }
        progress?("verifying \(target)…")
        let restored = try await SQLiteTableReader.withFile(target, threadPool: threadPool, eventLoop: eventLoop, logger: logger) {
            try await BackupManifestBuilder.compute($0, progress: progress)
        }
        let differences = (manifest ?? computed).differences(from: restored)
        guard differences.isEmpty else {
            throw BackupError("\(target) was restored but differs from the backup: \(Self.describe(differences))")
        }
        return RestoreReport(tables: restored.tables.count, rows: restored.totalRows, verified: true, seconds: 0)
    }

    /// Refuses a target that holds tables, is not an SQLite file, or has a journal (a server may be using it).
    func checkEmptySQLiteTarget(_ target: String) async throws {
        for suffix in ["-wal", "-journal"] where BackupFiles.size(target + suffix) > 0 {
            throw BackupError("\(target)\(suffix) exists: is a server using \(target)? Stop it; a restore goes only into an empty database")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard !isDirectory.boolValue else { throw BackupError("\(target) is a directory") }
        guard BackupFiles.size(target) > 0 else { return }
        guard case .sqlite = BackupFileKind(header: try BackupFiles.head(target, count: BackupFileKind.headerLength)) else {
            throw BackupError("\(target) exists and is not an empty database; a restore goes only into an empty database: move it away first")
        }
        let tables: Int
        do {
            tables = try await SQLiteTableReader.withFile(target, threadPool: threadPool, eventLoop: eventLoop, logger: logger) {
                try await $0.tableNames().count
            }
        } catch {
            throw BackupError("cannot read \(target) to check that it is empty: \(error)")
        }
        guard tables == 0 else {
            throw BackupError("\(target) already holds a database (\(tables) tables); a restore goes only into an empty database: "
                + "move it away or set TRUC_SQLITE_PATH to a new file")
        }
    }
}
