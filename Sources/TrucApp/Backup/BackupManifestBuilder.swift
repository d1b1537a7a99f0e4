import Crypto
import Foundation
import NIOConcurrencyHelpers
import TrucCore

/// Computes the manifest of a database through a `BackupTableReader`: for each table (sorted by name) its columns
/// sorted by name, its rows in primary-key order, each hashed in canonical form.
enum BackupManifestBuilder {
    /// Fluent's table of applied migrations.
    static let migrationsTable = "_fluent_migrations"

    static func compute(_ reader: some BackupTableReader, createdAt: Date = Date(),
                        progress: (@Sendable (String) -> Void)? = nil) async throws -> BackupManifest {
        guard let migrations = try await reader.migrations() else {
            throw BackupError("it is not a database of Trực ATTT: it has no \(migrationsTable) table")
        }
        let names = try await reader.tableNames().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var tables: [BackupManifest.Table] = []
        for (index, name) in names.enumerated() {
            let columns = try await reader.columns(of: name).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            let key = columns.filter { $0.primaryKeyPosition != nil }.sorted { $0.primaryKeyPosition! < $1.primaryKeyPosition! }
            let order = key.isEmpty ? columns.filter { $0.kind.postgresSortable } : key
            let digest = TableDigest(columns: columns.map(\.name))
            let label = "table \(index + 1)/\(names.count) \(name)"
            progress?(label)
            try await reader.forEachRow(of: name, columns: columns, orderBy: order) { values in
                if let rows = digest.add(values), rows % 20_000 == 0 { progress?("\(label): \(rows) rows") }
            }
            let (rows, hash) = digest.finish()
            tables.append(.init(name: name, rows: rows, sha256: hash))
        }
        return BackupManifest(database: reader.databaseKind, createdAt: createdAt, migrations: migrations, tables: tables)
    }

    /// The running SHA-256 and row count of one table; rows arrive one at a time from the database's thread.
    final class TableDigest: Sendable {
        private struct State {
            var hasher = SHA256()
            var rows: Int64 = 0
        }

        private let state = NIOLockedValueBox(State())

        init(columns: [String]) {
            state.withLockedValue { $0.hasher.update(data: BackupValue.encodeHeader(columns: columns)) }
        }

        /// Adds a row; returns the rows so far.
        @discardableResult
        func add(_ values: [BackupValue]) -> Int64? {
            let bytes = BackupValue.encodeRow(values)
            return state.withLockedValue {
                $0.hasher.update(data: bytes)
                $0.rows += 1
                return $0.rows
            }
        }

        func finish() -> (rows: Int64, sha256: String) {
            state.withLockedValue { ($0.rows, Hex.encode($0.hasher.finalize())) }
        }
    }
}
