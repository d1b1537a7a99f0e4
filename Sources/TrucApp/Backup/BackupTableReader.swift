import TrucCore

/// One column of a table, as a manifest reads it.
struct BackupColumn: Sendable {
    var name: String
    var kind: BackupColumnKind
    /// The type as the database declares it (for PostgreSQL, `information_schema.columns.data_type`).
    var declaredType: String
    /// Position in the primary key, from 1; nil when not part of it.
    var primaryKeyPosition: Int?
}

/// Reads every table of one database for a manifest, in one consistent view (an SQLite file nobody writes, or one
/// PostgreSQL transaction).
protocol BackupTableReader: Sendable {
    /// "sqlite" or "postgresql".
    var databaseKind: String { get }
    func tableNames() async throws -> [String]
    func columns(of table: String) async throws -> [BackupColumn]
    /// Every row of `table`, its values in the order of `columns`, rows sorted by `orderBy`.
    func forEachRow(of table: String, columns: [BackupColumn], orderBy: [BackupColumn],
                    _ onRow: @escaping @Sendable ([BackupValue]) -> Void) async throws
    /// Names of the applied Fluent migrations, in the order they ran; nil when there is no migrations table.
    func migrations() async throws -> [String]?
}

extension BackupTableReader {
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
