import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import TrucCore

/// Reads the tables of the connection's current schema for a manifest. Meant to run inside one REPEATABLE READ
/// transaction (see `withSnapshot`), so that every table is read as of one moment.
struct PostgresTableReader: BackupTableReader {
    let sql: any SQLDatabase

    var databaseKind: String { "postgresql" }

    /// Runs `body` on one connection inside a read-only REPEATABLE READ transaction, giving it the exported snapshot's
    /// id (for `pg_dump --snapshot`) and a reader that sees exactly that snapshot.
    static func withSnapshot<T: Sendable>(_ db: any PostgresDatabase,
                                          _ body: @escaping @Sendable (_ snapshot: String, PostgresTableReader) async throws -> T) async throws -> T {
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let sql = connection.sql()
                try await sql.raw("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                do {
                    try await sql.raw("SET LOCAL extra_float_digits = 1").run()
                    let row = try await sql.raw("SELECT pg_export_snapshot() AS id").first()
                    let snapshot = try row?.decode(column: "id", as: String.self) ?? ""
                    let result = try await body(snapshot, PostgresTableReader(sql: sql))
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }.get()
    }

    func tableNames() async throws -> [String] {
        try await sql.raw("""
            SELECT table_name::text AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }

    func columns(of table: String) async throws -> [BackupColumn] {
        let keyRows = try await sql.raw("""
            SELECT a.attname::text AS name, array_position(i.indkey::int2[], a.attnum) AS position
            FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indisprimary AND i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(\(bind: table)))::regclass
            """).all()
        var key: [String: Int] = [:]
        for row in keyRows { key[try row.decode(column: "name", as: String.self)] = try row.decode(column: "position", as: Int.self) }
        return try await sql.raw("""
            SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(bind: table)
            """).all().map { row in
            let name = try row.decode(column: "name", as: String.self)
            let type = try row.decode(column: "type", as: String.self)
            return BackupColumn(name: name, kind: BackupColumnKind(postgresDataType: type), declaredType: type, primaryKeyPosition: key[name])
        }
    }

    func forEachRow(of table: String, columns: [BackupColumn], orderBy: [BackupColumn],
                    _ onRow: @escaping @Sendable ([BackupValue]) -> Void) async throws {
        let select = columns.isEmpty ? "1" : columns.enumerated().map { index, column in
            column.kind.postgresSelectExpression(quotedColumn: Self.quoted(column.name), dataType: column.declaredType) + " AS c\(index)"
        }.joined(separator: ", ")
        // Text sorts byte by byte, as SQLite's BINARY collation does.
        let order = orderBy.isEmpty ? "" : " ORDER BY " + orderBy.map { column in
            let textual = ["text", "character varying", "character"].contains(column.declaredType.lowercased())
            return Self.quoted(column.name) + (textual ? " COLLATE \"C\"" : "")
        }.joined(separator: ", ")
        let kinds = columns.map(\.kind)
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        try await sql.raw(SQLQueryString("SELECT \(select) FROM \(Self.quoted(table))\(order)")).run { row in
            do {
                var values: [BackupValue] = []
                values.reserveCapacity(kinds.count)
                for (index, kind) in kinds.enumerated() {
                    values.append(kind.value(postgresText: try row.decode(column: "c\(index)", as: String?.self)))
                }
                onRow(values)
            } catch {
                failure.withLockedValue { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLockedValue({ $0 }) { throw error }
    }

    func migrations() async throws -> [String]? {
        let exists = try await sql.raw("SELECT to_regclass(quote_ident(current_schema()) || '._fluent_migrations')::text AS t").first()
        guard (try exists?.decode(column: "t", as: String?.self)) != nil else { return nil }
        return try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at, name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }
}
