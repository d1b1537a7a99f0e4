import FluentPostgresDriver
import Foundation
import SQLKit
import TrucCore

extension BackupService {
    static func missingTool(_ name: String) -> String {
        "\(name) was not found on PATH. Backups and restores of PostgreSQL use the PostgreSQL client tools: install those of "
            + "the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client), then try again"
    }

    private func postgres() throws -> any PostgresDatabase {
        guard let pg = db as? any PostgresDatabase else { throw BackupError("the database is not PostgreSQL") }
        return pg
    }

    private static func target(_ url: String) throws -> PostgresToolTarget {
        do {
            return try PostgresToolTarget(url: url)
        } catch {
            throw BackupError(error.description)
        }
    }

    // MARK: - Backup

    func backupPostgres(url: String, to path: String, progress: Progress?) async throws -> BackupReport {
        let target = try Self.target(url)
        guard let pgDump = ChildProcess.find("pg_dump") else { throw BackupError(Self.missingTool("pg_dump")) }
        try BackupFiles.checkDestination(path)
        let pg = try postgres()
        let partial = BackupFiles.partialPath(for: path)
        try BackupFiles.createPrivate(partial)
        defer { unlink(partial) }
        let environment = target.childEnvironment(from: ProcessInfo.processInfo.environment)
        progress?("pg_dump…")
        // pg_dump reads the snapshot this transaction exported, and the manifest is computed in the transaction
        // itself: both see the database as of one moment, whatever is written meanwhile.
        var manifest = try await PostgresTableReader.withSnapshot(pg) { snapshot, reader in
            async let dump = ChildProcess.run(pgDump, ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(partial)"]
                                                  + target.arguments, environment: environment)
            let manifest = try await BackupManifestBuilder.compute(reader, progress: progress)
            let result = try await dump
            guard result.status == 0 else {
                throw BackupError("pg_dump failed (exit status \(result.status)): \(result.errorText)")
            }
            return manifest
        }
        BackupFiles.sync(partial)
        let (sha, bytes) = try BackupFiles.sha256(partial)
        manifest.fileBytes = bytes
        manifest.fileSHA256 = sha
        try BackupFiles.publish(partial, as: path)
        do {
            try BackupFiles.writeNew(try manifest.encoded(), to: BackupManifest.path(forBackup: path))
        } catch {
            unlink(path)
            throw error
        }
        return BackupReport(path: path, manifest: manifest, bytes: bytes, seconds: 0)
    }

    // MARK: - Restore

    func restorePostgres(url: String, from path: String, progress: Progress?) async throws -> RestoreReport {
        let target = try Self.target(url)
        guard let pgRestore = ChildProcess.find("pg_restore") else { throw BackupError(Self.missingTool("pg_restore")) }
        let pg = try postgres()
        let environment = target.childEnvironment(from: ProcessInfo.processInfo.environment)
        let manifest = try BackupFiles.manifest(nextTo: path)
        if let manifest {
            try Self.checkManifest(manifest, of: path, database: "postgresql")
            try checkMigrations(manifest.migrations, of: path)
        }
        progress?("checking \(path)…")
        let list = try await ChildProcess.run(pgRestore, ["--list", path], environment: environment)
        guard list.status == 0 else {
            throw BackupError("\(path) is not a readable PostgreSQL dump: \(list.errorText)")
        }
        // The dump's own migrations, read from the file without touching any database.
        let data = try await ChildProcess.run(pgRestore, ["--data-only", "--table=\(BackupManifestBuilder.migrationsTable)", "--file=-", path],
                                              environment: environment)
        guard data.status == 0,
              let applied = PostgresCopyText.values(in: String(decoding: data.stdout, as: UTF8.self),
                                                    table: BackupManifestBuilder.migrationsTable, column: "name")
        else {
            throw BackupError("\(path) is not a backup of Trực ATTT: it has no \(BackupManifestBuilder.migrationsTable) table"
                + (data.status == 0 ? "" : " (\(data.errorText))"))
        }
        try checkMigrations(applied.compactMap { $0 }, of: path)
        try await checkEmptyPostgresTarget(pg)

        progress?("pg_restore…")
        let result = try await ChildProcess.run(pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
                                                    + target.arguments + [path], environment: environment)
        guard result.status == 0 else {
            throw BackupError("pg_restore failed and its single transaction was rolled back, so the database is unchanged: \(result.errorText)")
        }
        progress?("verifying…")
        let restored = try await PostgresTableReader.withSnapshot(pg) { _, reader in
            try await BackupManifestBuilder.compute(reader, progress: progress)
        }
        if let manifest {
            let differences = manifest.differences(from: restored)
            guard differences.isEmpty else {
                throw BackupError("the database was restored but differs from the backup's manifest: \(Self.describe(differences))")
            }
        }
        return RestoreReport(tables: restored.tables.count, rows: restored.totalRows, verified: manifest != nil, seconds: 0)
    }

    /// Refuses a target database whose schema has tables.
    func checkEmptyPostgresTarget(_ pg: any PostgresDatabase) async throws {
        let row = try await pg.sql().raw("""
            SELECT count(*)::int AS n, current_schema()::text AS schema FROM information_schema.tables WHERE table_schema = current_schema()
            """).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        guard count == 0 else {
            let schema = (try? row?.decode(column: "schema", as: String.self)) ?? "?"
            throw BackupError("the database already has \(count) tables in schema \(schema); a restore goes only into an empty database: "
                + "create a new one (CREATE DATABASE …) and point DATABASE_URL at it")
        }
    }
}
