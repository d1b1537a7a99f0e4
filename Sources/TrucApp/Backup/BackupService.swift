import Fluent
import Foundation
import NIOCore
import NIOPosix
import TrucCore
import Vapor

/// Backups and restores of the app's database, for `truc backup`, `truc restore` and the scheduled backups of `serve`.
///
/// - SQLite: `VACUUM INTO` a new file (a consistent snapshot even while the server writes); the manifest is computed
///   from that file. A restore copies the file next to the target, checks it, and renames it into place.
/// - PostgreSQL: `pg_dump -Fc` of a snapshot exported by a REPEATABLE READ transaction, in which the manifest is
///   computed too, so both see the same moment. A restore runs `pg_restore` in a single transaction.
struct BackupService: Sendable {
    let database: AppConfig.DatabaseChoice
    let db: any Database
    let threadPool: NIOThreadPool
    let eventLoop: any EventLoop
    let logger: Logger
    /// The migrations this build knows: a backup with others comes from a newer version.
    let knownMigrations: [String]

    init(app: Application) {
        database = app.config.database
        db = app.db
        threadPool = app.threadPool
        eventLoop = app.eventLoopGroup.any()
        logger = app.logger
        knownMigrations = Migrations.all.map(\.name)
    }

    typealias Progress = @Sendable (String) -> Void

    struct BackupReport: Sendable {
        var path: String
        var manifest: BackupManifest
        var bytes: Int64
        var seconds: Double
    }

    struct RestoreReport: Sendable {
        var tables: Int
        var rows: Int64
        /// False only for a PostgreSQL dump without a manifest: restored, but there was nothing to compare with.
        var verified: Bool
        var seconds: Double
    }

    /// The file suffix of this database's scheduled backups.
    var fileKind: BackupFileName.Kind {
        if case .postgres = database { return .dump }
        return .sqlite
    }

    /// Backs the database up into `path` (which must not exist) and writes `path.manifest.json`.
    func backup(to path: String, progress: Progress? = nil) async throws -> BackupReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report: BackupReport
        switch database {
        case let .sqliteFile(source):
            report = try await backupSQLite(source: source, to: path, progress: progress)
        case .sqliteMemory:
            throw BackupError("an in-memory database cannot be backed up")
        case let .postgres(url, _):
            report = try await backupPostgres(url: url, to: path, progress: progress)
        }
        report.seconds = Self.seconds(clock.now - start)
        return report
    }

    /// Restores `path` into the configured database, which must be empty, after checking the file; then compares
    /// the restored database with the backup's manifest.
    func restore(from path: String, progress: Progress? = nil) async throws -> RestoreReport {
        let clock = ContinuousClock()
        let start = clock.now
        let kind = try Self.backupFileKind(path)
        var report: RestoreReport
        switch (database, kind) {
        case (.sqliteFile(let target), .sqlite):
            report = try await restoreSQLite(from: path, kind: kind, into: target, progress: progress)
        case (.sqliteMemory, _):
            throw BackupError("cannot restore into an in-memory database")
        case (.postgres(let url, _), .postgresDump):
            report = try await restorePostgres(url: url, from: path, progress: progress)
        case (.sqliteFile, .postgresDump):
            throw BackupError("\(path) is a PostgreSQL dump: to restore it, set DATABASE_URL to the (empty) PostgreSQL database")
        case (.postgres, .sqlite):
            throw BackupError("\(path) is an SQLite backup: to restore it, unset DATABASE_URL and set TRUC_SQLITE_PATH to the new database file")
        case (_, .unknown):
            throw BackupError("\(path) is not a backup of Trực ATTT: it is neither an SQLite database nor a PostgreSQL custom-format dump")
        }
        report.seconds = Self.seconds(clock.now - start)
        return report
    }

    /// What `path` holds, from its first bytes; a missing, unreadable or empty file is refused here.
    static func backupFileKind(_ path: String) throws -> BackupFileKind {
        var isDirectory: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BackupError("there is no file \(path)")
        }
        guard !isDirectory.boolValue else { throw BackupError("\(path) is a directory, not a backup file") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw BackupError("\(path) cannot be read (permissions)") }
        let head = try BackupFiles.head(path, count: BackupFileKind.headerLength)
        guard !head.isEmpty else { throw BackupError("\(path) is empty") }
        return BackupFileKind(header: head)
    }

    /// Checks a backup's manifest against the file's own size and hash, and its kind of database.
    static func checkManifest(_ manifest: BackupManifest, of path: String, database: String) throws {
        guard manifest.database == database else {
            throw BackupError("the manifest of \(path) describes a \(manifest.database) backup, but the file is a \(database) one")
        }
        if let expected = manifest.fileSHA256 {
            let (sha, bytes) = try BackupFiles.sha256(path)
            guard sha == expected else {
                let size = manifest.fileBytes.map { bytes == $0 ? "" : " (\(bytes) bytes, the manifest says \($0))" } ?? ""
                throw BackupError("\(path) does not match its manifest\(size): the file was changed, damaged or cut short")
            }
        }
    }

    /// Refuses the migrations of a backup that this build does not know.
    func checkMigrations(_ applied: [String], of path: String) throws {
        let unknown = BackupManifest.unknownMigrations(applied, known: knownMigrations)
        guard unknown.isEmpty else {
            throw BackupError("\(path) was made by a newer version of Trực ATTT (its schema has migrations this version does not know: "
                + unknown.prefix(5).joined(separator: ", ") + "); restore it with that version or a newer one")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func describe(_ differences: [BackupDifference]) -> String {
        let shown = differences.prefix(10).map(\.description).joined(separator: "; ")
        return differences.count > 10 ? "\(shown); and \(differences.count - 10) more" : shown
    }
}
