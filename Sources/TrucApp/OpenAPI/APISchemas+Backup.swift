import OpenAPIKit
import TrucCore

extension APISchemas {
    /// The backup schedule and the scheduled backups.
    static let backups: [String: JSONSchema] = [
        "BackupSettingsInput": object("The backup schedule (coordinator) / Lịch sao lưu.", [
            "intervalHours": .integer(description: "A backup every this many hours",
                                      maximum: (BackupPolicy.intervalRange.upperBound, exclusive: false),
                                      minimum: (BackupPolicy.intervalRange.lowerBound, exclusive: false)),
            "keep": .integer(description: "How many of the newest scheduled backups are kept; older ones are deleted",
                             maximum: (BackupPolicy.keepRange.upperBound, exclusive: false),
                             minimum: (BackupPolicy.keepRange.lowerBound, exclusive: false)),
        ]),
        "BackupRun": object("One scheduled backup / Một lần sao lưu tự động.", [
            "fileName": .string(description: "truc-YYYYMMDD-HHMMSSZ.sqlite (or .dump for PostgreSQL), in TRUC_BACKUP_DIR"),
            "startedAt": dateTime,
            "finishedAt": dateTime.optional,
            "ok": .boolean,
            "bytes": .integer.optional,
            "tables": .integer.optional,
            "rows": .integer.optional,
            "error": .string(description: "Why it failed").optional,
        ]),
        "BackupSettings": object("The backup schedule, and the newest scheduled backups (newest first).", [
            "intervalHours": .integer(minimum: (1, exclusive: false)),
            "keep": .integer(minimum: (1, exclusive: false)),
            "enabled": .boolean(description: "TRUC_BACKUP_DIR is set on the instance that answered, so it makes scheduled backups"),
            "database": .string(allowedValues: ["sqlite", "postgresql"]),
            "recent": .array(items: ref("BackupRun")),
        ]),
    ]
}
