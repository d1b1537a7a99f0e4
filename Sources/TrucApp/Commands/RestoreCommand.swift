import Foundation
import Vapor

/// `truc restore FILE`: restores a backup into the configured database, which must be empty, after checking the
/// file (SQLite: integrity, Trực's schema of this or an older version, the manifest; PostgreSQL: pg_restore can read
/// it, the schema). Afterwards the restored tables are compared with the manifest.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A backup made by truc backup (its FILE.manifest.json is used when present)")
        var file: String
    }

    var help: String { "Restore a backup into an empty database (TRUC_SQLITE_PATH or DATABASE_URL), checked before and after" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let service = BackupService(app: context.application)
        let progress = TerminalProgress()
        let report: BackupService.RestoreReport
        do {
            report = try await service.restore(from: signature.file) { progress.update($0) }
        } catch {
            progress.finish()
            throw CommandFailure("restore refused: \(error)")
        }
        progress.finish()
        if report.verified {
            context.console.success("verified: \(report.tables) tables, \(report.rows) rows (restored in \(String(format: "%.1f", report.seconds)) s)")
        } else {
            context.console.warning("restored: \(report.tables) tables, \(report.rows) rows; not compared with a manifest, as \(signature.file).manifest.json is missing")
        }
    }
}
