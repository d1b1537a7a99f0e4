import Fluent
import Foundation

/// One scheduled backup `serve` made (or tried to make) into `TRUC_BACKUP_DIR`: shown to the coordinator with the
/// backup settings. Backups made with `truc backup` are not recorded here.
final class BackupRun: Model, @unchecked Sendable {
    static let schema = "backup_runs"

    @ID(key: .id) var id: UUID?
    /// The backup's file name in the directory (`truc-YYYYMMDD-HHMMSSZ.sqlite` or `.dump`).
    @Field(key: "file_name") var fileName: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Field(key: "ok") var ok: Bool
    @OptionalField(key: "bytes") var bytes: Int64?
    @OptionalField(key: "tables") var tables: Int?
    @OptionalField(key: "rows") var rows: Int64?
    /// Why it failed, in one line (never a secret).
    @OptionalField(key: "error") var error: String?
    /// The instance that made it.
    @Field(key: "owner") var owner: String

    init() {}

    init(fileName: String, startedAt: Date, owner: String) {
        self.fileName = fileName
        self.startedAt = startedAt
        self.ok = false
        self.owner = owner
    }
}
