import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix
import TrucCore

/// Reads an SQLite file for a manifest through a connection of its own.
struct SQLiteTableReader: BackupTableReader {
    let connection: SQLiteConnection

    var databaseKind: String { "sqlite" }

    /// Opens `path` and runs `body` with a reader. Read-only opens are also "immutable": SQLite creates nothing next to
    /// the file (a read-only open of a WAL database would leave -wal and -shm files behind), so they are only for files
    /// nobody writes (a finished backup) or quick looks (is a target empty; its -wal is checked first). `readOnly:
    /// false` is for private copies and live databases.
    static func withFile<T: Sendable>(_ path: String, readOnly: Bool = true, threadPool: NIOThreadPool, eventLoop: any EventLoop, logger: Logger,
                                          _ body: @Sendable (SQLiteTableReader) async throws -> T) async throws -> T {
        let connection = try await SQLiteConnection.open(storage: .file(path: uri(path, readOnly: readOnly)), threadPool: threadPool,
                                                         logger: logger, on: eventLoop)
        do {
            let result = try await body(SQLiteTableReader(connection: connection))
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A `file:` URI for `path` (so that SQLite reads `mode=ro&immutable=1`); `%`, `?` and `#` in the path are escaped.
    static func uri(_ path: String, readOnly: Bool) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped = absolute.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)" + (readOnly ? "?mode=ro&immutable=1" : "")
    }

    func rows(_ query: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await connection.query(query, binds)
    }

    func tableNames() async throws -> [String] {
        try await rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            .compactMap { $0.column("name")?.string }
    }

    func columns(of table: String) async throws -> [BackupColumn] {
        try await rows("PRAGMA table_info(\(Self.quoted(table)))").compactMap { row in
            guard let name = row.column("name")?.string else { return nil }
            let type = row.column("type")?.string ?? ""
            let pk = Int(row.column("pk")?.integer ?? 0)
            return BackupColumn(name: name, kind: BackupColumnKind(sqliteDeclaredType: type), declaredType: type,
                                primaryKeyPosition: pk > 0 ? pk : nil)
        }
    }

    func forEachRow(of table: String, columns: [BackupColumn], orderBy: [BackupColumn],
                    _ onRow: @escaping @Sendable ([BackupValue]) -> Void) async throws {
        let select = columns.isEmpty ? "1" : columns.enumerated().map { "\(Self.quoted($1.name)) AS c\($0)" }.joined(separator: ", ")
        let order = orderBy.isEmpty ? "" : " ORDER BY " + orderBy.map { Self.quoted($0.name) }.joined(separator: ", ")
        let kinds = columns.map(\.kind)
        try await connection.query("SELECT \(select) FROM \(Self.quoted(table))\(order)", []) { row in
            var values: [BackupValue] = []
            values.reserveCapacity(kinds.count)
            for (index, kind) in kinds.enumerated() {
                values.append(Self.value(row.column("c\(index)") ?? .null, kind: kind))
            }
            onRow(values)
        }
    }

    static func value(_ data: SQLiteData, kind: BackupColumnKind) -> BackupValue {
        switch data {
        case .null: .null
        case let .integer(value): kind.value(sqliteInteger: Int64(value))
        case let .float(value): kind.value(sqliteReal: value)
        case let .text(text): kind.value(sqliteText: text)
        case let .blob(buffer): kind.value(sqliteBlob: Array(buffer.readableBytesView))
        }
    }

    func migrations() async throws -> [String]? {
        let exists = try await rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                                    [.text(BackupManifestBuilder.migrationsTable)])
        guard !exists.isEmpty else { return nil }
        return try await rows("SELECT name FROM \(Self.quoted(BackupManifestBuilder.migrationsTable)) ORDER BY batch, created_at, name")
            .compactMap { $0.column("name")?.string }
    }

    /// `PRAGMA integrity_check`: "ok", or the first problems SQLite found.
    func integrityCheck() async throws -> String {
        let lines = try await rows("PRAGMA integrity_check(20)").compactMap { $0.columns.first?.data.string }
        return lines.joined(separator: "; ")
    }
}
