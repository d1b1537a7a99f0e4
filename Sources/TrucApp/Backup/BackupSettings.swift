import Fluent
import Foundation
import TrucCore

/// The schedule of backups, stored as the "backup" app setting (the coordinator edits it).
enum BackupSettings {
    static let key = "backup"

    static func load(on db: any Database) async throws -> BackupPolicy {
        try await AppSetting.value(key, as: BackupPolicy.self, on: db) ?? BackupPolicy()
    }

    static func save(_ policy: BackupPolicy, on db: any Database) async throws {
        try await AppSetting.store(policy, as: key, on: db)
    }

    static func validated(intervalHours: Int, keep: Int) throws -> BackupPolicy {
        do {
            return try BackupPolicy(validatingIntervalHours: intervalHours, keep: keep)
        } catch {
            throw BilingualError.invalid(error)
        }
    }

    /// Changes the schedule (coordinator), audited as "backup.settings".
    static func update(_ input: BackupSettingsInput, by principal: Principal, on db: any Database) async throws -> BackupPolicy {
        let policy = try validated(intervalHours: input.intervalHours, keep: input.keep)
        let before = try await load(on: db)
        try await db.transaction { tx in
            try await save(policy, on: tx)
            try await Audit.record("backup.settings", entity: "setting", id: key, unitID: nil, before: before, after: policy,
                                   by: principal, on: tx)
        }
        return policy
    }

    /// The newest scheduled backups, newest first.
    static func recentRuns(limit: Int = 20, on db: any Database) async throws -> [BackupRun] {
        try await BackupRun.query(on: db).sort(\.$startedAt, .descending).limit(limit).all()
    }
}
