import Foundation

/// What a backup holds, written next to it as `FILE.manifest.json`: the migrations applied (the app's schema), and
/// for every table its row count and the SHA-256 of its rows in primary-key order, each value in canonical form
/// (`BackupValue`). A restore recomputes it from the restored database and compares.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The format of this file; a reader refuses a newer one.
    public static let currentFormat = 1

    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var rows: Int64
        /// Lower-case hex SHA-256 of the column names and every row's canonical bytes.
        public var sha256: String

        public init(name: String, rows: Int64, sha256: String) {
            self.name = name
            self.rows = rows
            self.sha256 = sha256
        }
    }

    public var format: Int
    /// "sqlite" or "postgresql".
    public var database: String
    public var createdAt: Date
    /// Names of the applied Fluent migrations, in the order they ran.
    public var migrations: [String]
    /// Every table, sorted by name.
    public var tables: [Table]
    /// The backup file's size and SHA-256 (absent in a manifest computed from a live database).
    public var fileBytes: Int64?
    public var fileSHA256: String?

    public init(format: Int = BackupManifest.currentFormat, database: String, createdAt: Date, migrations: [String],
                tables: [Table], fileBytes: Int64? = nil, fileSHA256: String? = nil) {
        self.format = format
        self.database = database
        self.createdAt = createdAt
        self.migrations = migrations
        self.tables = tables.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.fileBytes = fileBytes
        self.fileSHA256 = fileSHA256
    }

    public var totalRows: Int64 { tables.reduce(0) { $0 + $1.rows } }

    /// The manifest's file name next to a backup.
    public static func path(forBackup path: String) -> String { path + ".manifest.json" }

    /// Pretty, key-sorted JSON with ISO 8601 dates.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a manifest; throws a sentence saying what is wrong (not JSON, not a manifest, a newer format).
    public static func decode(_ data: Data) throws(BackupManifestError) -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: data)
        } catch {
            throw BackupManifestError("the manifest is not a backup manifest of Trực ATTT (\(error))")
        }
        guard manifest.format <= currentFormat else {
            throw BackupManifestError("the manifest has format \(manifest.format); this version reads up to \(currentFormat): use a newer truc")
        }
        return manifest
    }
}

public struct BackupManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
