import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import TrucCore
import TrucNet
import Vapor
@testable import TrucApp

/// Databases on files (and PostgreSQL databases of their own) for the backup tests, and writers that keep writing
/// pairs of rows (an app setting and its audit entry, in one transaction) while a backup runs.
enum BackupFixture {
    /// A fresh directory under the temporary directory.
    static func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truc-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// An app on `database`; `prepare` brings the schema up to date first (as `serve` does; `backup` and `restore` don't).
    static func withApp<T: Sendable>(_ database: AppConfig.DatabaseChoice, prepare: Bool = true, backupDirectory: String? = nil,
                                     _ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(.testing)
        do {
            var config = AppConfig(database: database, bcryptCost: 4)
            config.prepareDatabase = prepare
            config.backupDirectory = backupDirectory
            try await configure(app, config: config)
            app.outbound.resolver = StaticHostResolver()
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Runs `truc <arguments>` in `app`.
    static func run(_ arguments: [String], on app: Application) async throws {
        app.environment.arguments = ["truc"] + arguments
        try await app.execute()
    }

    /// The manifest of an SQLite file as it is now (computed the way a backup computes its own).
    static func manifest(ofSQLite path: String, app: Application) async throws -> BackupManifest {
        try await SQLiteTableReader.withFile(path, readOnly: false, threadPool: app.threadPool, eventLoop: app.eventLoopGroup.any(),
                                                 logger: app.logger) { try await BackupManifestBuilder.compute($0) }
    }

    /// The manifest of the PostgreSQL database `app` uses.
    static func manifest(ofPostgres app: Application) async throws -> BackupManifest {
        try await PostgresTableReader.withSnapshot(app.db as! any PostgresDatabase) { _, reader in
            try await BackupManifestBuilder.compute(reader)
        }
    }

    static func tables(_ manifest: BackupManifest) -> [BackupManifest.Table] { manifest.tables }

    /// SHA-256 and size of a file, or nil when it does not exist: "nothing changed" means these are equal.
    static func fingerprint(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return (try? BackupFiles.sha256(path)).map { "\($0.hex) \($0.bytes)" }
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// TEST_POSTGRES_URL is set and pg_dump and pg_restore are on PATH.
    static var postgresToolsAvailable: Bool {
        postgresURL != nil && ChildProcess.find("pg_dump") != nil && ChildProcess.find("pg_restore") != nil
    }

    /// TEST_POSTGRES_URL with another database.
    static func postgresURL(database: String) throws -> String {
        let base = try #require(postgresURL)
        var components = try #require(URLComponents(string: base))
        components.path = "/" + database
        return try #require(components.string)
    }

    /// Runs one statement on the server of TEST_POSTGRES_URL (CREATE / DROP DATABASE).
    static func postgresAdmin(_ statement: String) async throws {
        let app = try await Application.make(.testing)
        do {
            let url = try #require(postgresURL)
            app.databases.use(.postgres(configuration: try .init(url: url)), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    // MARK: - Pairs of rows

    static let pairAction = "test.pair"

    /// Keys of the pair settings and entity ids of the pair audit entries: equal sets when every pair is whole.
    static func pairs(on db: any Database) async throws -> (settings: Set<String>, audits: Set<String>) {
        let settings = try await AppSetting.query(on: db).all().compactMap(\.id).filter { $0.hasPrefix("pair-") }
        let audits = try await AuditEntry.query(on: db).filter(\.$action == pairAction).all().compactMap(\.entityID)
        return (Set(settings), Set(audits))
    }

    /// Writers that each write pairs (an app setting and an audit entry in one transaction) until stopped.
    final class Writers: Sendable {
        private let stopped = NIOLockedValueBox(false)
        private let next = NIOLockedValueBox(0)
        let written = NIOLockedValueBox(0)
        private let tasks: NIOLockedValueBox<[Task<Void, any Error>]> = .init([])

        init(count: Int, db: any Database) {
            let list = (0..<count).map { _ in
                Task { [stopped, next, written] in
                    while !stopped.withLockedValue({ $0 }) {
                        let n = next.withLockedValue { value -> Int in
                            value += 1
                            return value
                        }
                        try await db.transaction { tx in
                            try await AppSetting(key: "pair-\(n)", value: String(n)).create(on: tx)
                            try await Audit.record(BackupFixture.pairAction, entity: "pair", id: "pair-\(n)", unitID: nil, by: nil, on: tx)
                        }
                        written.withLockedValue { $0 += 1 }
                    }
                }
            }
            tasks.withLockedValue { $0 = list }
        }

        var count: Int { written.withLockedValue { $0 } }

        /// Waits until at least `n` pairs are written.
        func waitFor(_ n: Int) async throws {
            for _ in 0..<12_000 where count < n {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(count >= n, "the writers wrote \(count) pairs, not \(n)")
        }

        /// Stops the writers; rethrows the first failure of one.
        func stop() async throws {
            stopped.withLockedValue { $0 = true }
            for task in tasks.withLockedValue({ $0 }) { try await task.value }
        }
    }
}
