import Fluent
import SQLKit

/// Scheduled backups (issue 12): the record of each one `serve` made, for the coordinator's backup page. The schedule
/// itself is the "backup" app setting.
struct CreateBackupRun: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BackupRun.schema)
            .id()
            .field("file_name", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("ok", .bool, .required)
            .field("bytes", .int64)
            .field("tables", .int)
            .field("rows", .int64)
            .field("error", .string)
            .field("owner", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "backup_runs_started").on(BackupRun.schema).column("started_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BackupRun.schema).delete()
    }
}
