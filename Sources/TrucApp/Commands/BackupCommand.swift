import Foundation
import Vapor

/// `truc backup FILE`: a consistent copy of the database while the server runs (SQLite: `VACUUM INTO`; PostgreSQL:
/// `pg_dump -Fc`), with `FILE.manifest.json` (schema, and every table's row count and content hash). Never
/// overwrites a file; does not migrate the database first.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The new backup file (must not exist); the manifest goes to FILE.manifest.json")
        var file: String
    }

    var help: String { "Back up the database into FILE (a consistent copy while the server runs) with FILE.manifest.json" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let service = BackupService(app: context.application)
        let progress = TerminalProgress()
        let report: BackupService.BackupReport
        do {
            report = try await service.backup(to: signature.file) { progress.update($0) }
        } catch {
            progress.finish()
            throw CommandFailure("backup failed, nothing was written: \(error)")
        }
        progress.finish()
        let manifest = report.manifest
        context.console.success("Backed up into \(report.path): \(manifest.tables.count) tables, \(manifest.totalRows) rows, "
            + "\(report.bytes) bytes in \(String(format: "%.1f", report.seconds)) s; manifest \(report.path).manifest.json")
    }
}
