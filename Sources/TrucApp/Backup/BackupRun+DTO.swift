import Foundation
import TrucCore
import Vapor

/// The coordinator's input: every how many hours, and how many backups to keep.
struct BackupSettingsInput: Content, LimitedInput {
    var intervalHours: Int
    var keep: Int
    func checkLimits(_ check: inout TextLimitCheck) {}
}

struct BackupRunDTO: Content {
    var fileName: String
    var startedAt: Date
    var finishedAt: Date?
    var ok: Bool
    var bytes: Int64?
    var tables: Int?
    var rows: Int64?
    var error: String?
}

/// The schedule, whether this instance makes scheduled backups, and the newest ones.
struct BackupSettingsDTO: Content {
    var intervalHours: Int
    var keep: Int
    /// TRUC_BACKUP_DIR is set on the instance that answered.
    var enabled: Bool
    var database: String
    var recent: [BackupRunDTO]
}

extension BackupRun {
    func dto() -> BackupRunDTO {
        BackupRunDTO(fileName: fileName, startedAt: startedAt, finishedAt: finishedAt, ok: ok, bytes: bytes, tables: tables,
                     rows: rows, error: error)
    }
}

extension BackupSettingsDTO {
    static func make(_ policy: BackupPolicy, config: AppConfig, runs: [BackupRun]) -> BackupSettingsDTO {
        let database: String
        switch config.database {
        case .postgres: database = "postgresql"
        default: database = "sqlite"
        }
        return BackupSettingsDTO(intervalHours: policy.intervalHours, keep: policy.keep, enabled: config.backupDirectory != nil,
                                 database: database, recent: runs.map { $0.dto() })
    }
}
