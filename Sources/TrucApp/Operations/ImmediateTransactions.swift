import FluentKit
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit

/// SQLite transactions that take the write lock when they begin (`BEGIN IMMEDIATE`), for every transaction of
/// the app, Fluent's own included.
///
/// Fluent's SQLite driver begins transactions with a plain (deferred) `BEGIN`: the transaction reads first, under
/// a snapshot, and asks for the write lock only at its first write. When another connection has written since
/// that snapshot (WAL) or holds the lock while this one holds a read lock (rollback journal), SQLite cannot wait
/// its way out, so it answers SQLITE_BUSY ("database is locked") at once, without calling the busy handler, and a
/// request such as `PUT /api/v1/escalation` (read the setting, then write it, in one transaction) failed with 500
/// under concurrent requests. A transaction that holds the write lock from its start never needs to upgrade, so it
/// only ever waits for the lock (sqlite-nio's busy handler waits as long as it takes) and writers take turns.
///
/// The writers of this process also take turns before they take a connection (`WriteTurns`): one waiting for its
/// turn holds neither a pooled connection (SQLite has one per event loop, and requests waiting for it time out after
/// 10 s) nor a thread spinning in SQLite's busy handler, so a burst of writes queues up instead of failing. The
/// write lock of SQLite still orders writers of other processes (a `truc` command run beside the server).
///
/// Readers are not held up: in WAL mode they never wait for the writer. PostgreSQL is not wrapped.
struct ImmediateTransactionsConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        ImmediateTransactionsDriver(base: base.makeDriver(for: databases))
    }
}

extension DatabaseConfigurationFactory {
    /// `base` (an SQLite configuration) with every transaction begun by `BEGIN IMMEDIATE`.
    static func immediateTransactions(_ base: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        .init { ImmediateTransactionsConfiguration(base: base.make()) }
    }
}

struct ImmediateTransactionsDriver: DatabaseDriver {
    let base: any DatabaseDriver

    let turns = WriteTurns()

    func makeDatabase(with context: DatabaseContext) -> any Database {
        ImmediateTransactionsDatabase(base: base.makeDatabase(with: context), inTransaction: false, turns: turns)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

/// The SQLite database of Fluent with its transactions begun by `BEGIN IMMEDIATE`; everything else is passed on.
struct ImmediateTransactionsDatabase: Database, SQLDatabase {
    /// Fluent's SQLite database (a `Database` and an `SQLDatabase`).
    let base: any Database
    let inTransaction: Bool
    let turns: WriteTurns

    /// How long `BEGIN IMMEDIATE` keeps trying when SQLite refuses it outright (an in-memory database with a shared
    /// cache answers SQLITE_LOCKED instead of waiting). Nothing has been done yet then, so trying again is safe.
    static let beginPatience: Duration = .seconds(30)

    private var sql: any SQLDatabase { base as! any SQLDatabase }

    // MARK: Database

    var context: DatabaseContext { base.context }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let inTransaction = inTransaction, turns = turns
        return base.withConnection { connection in
            closure(ImmediateTransactionsDatabase(base: connection, inTransaction: inTransaction, turns: turns))
        }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        let base = base, turns = turns
        return eventLoop.makeFutureWithTask {
            try await turns.inTurn {
                try await base.withConnection { connection in
                    let db = ImmediateTransactionsDatabase(base: connection, inTransaction: true, turns: turns)
                    return connection.eventLoop.makeFutureWithTask {
                        try await WriteTurns.$isHeld.withValue(true) { try await db.run(closure) }
                    }
                }.get()
            }
        }
    }

    /// BEGIN IMMEDIATE, the closure, COMMIT; ROLLBACK when anything fails.
    private func run<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) async throws -> T {
        try await begin()
        do {
            let result = try await closure(self).get()
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// `BEGIN IMMEDIATE`, tried again with a growing pause while SQLite refuses it as busy or locked.
    private func begin() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.beginPatience
        var pause: Duration = .milliseconds(1)
        while true {
            do {
                try await sql.raw("BEGIN IMMEDIATE").run()
                return
            } catch let error as SQLiteError where Self.isContention(error) && clock.now < deadline {
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    static func isContention(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache: true
        default: false
        }
    }

    // MARK: SQLDatabase

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession(closure)
    }
}

/// The writers of one process, one after the other, in the order they came (first in, first out). Waiting takes
/// no thread and no connection.
actor WriteTurns {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Set inside a transaction: a transaction begun from there on another database handle does not wait for the turn
    /// it already has (it would wait for itself).
    @TaskLocal static var isHeld = false

    /// Runs `body` when it is this caller's turn.
    nonisolated func inTurn<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if Self.isHeld { return try await body() }
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
