import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import TrucNet
import Vapor

/// Sets up the database, sessions, middleware, routes and commands, then brings the schema up to date.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    DateCoding.install()
    // SQLite runs every statement on this pool, and a connection waiting for the write lock keeps its thread
    // busy until the lock is free. The shared default pool has one thread per core, so a few waiting writers
    // (the scheduler, the alert loop, web requests) could starve the transaction holding the lock. A pool of
    // the app's own, with room to spare, keeps the holder running.
    app.threadPool = NIOThreadPool(numberOfThreads: 8)

    let poolTimeout = TimeAmount.seconds(config.databasePoolTimeoutSeconds)
    switch config.database {
    // Every SQLite transaction takes the write lock as it begins, so concurrent writers wait their turn instead of
    // failing with "database is locked" (see ImmediateTransactionsDatabase).
    case let .sqliteFile(path):
        app.databases.use(.immediateTransactions(.sqlite(.file(path), connectionPoolTimeout: poolTimeout)), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.immediateTransactions(.sqlite(.memory, connectionPoolTimeout: poolTimeout)), as: .sqlite)
    case let .postgres(url, searchPath):
        var pg = try SQLPostgresConfiguration(url: url)
        if let searchPath { pg.searchPath = [searchPath] }
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: poolTimeout), as: .psql)
    }
    app.fluent.pagination.pageSizeLimit = 200

    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    app.sessions.use { _ in WebSessionDriver() }
    app.sessions.configuration.cookieName = "truc_session"
    let secure = config.secureCookies
    let idle = TimeInterval(config.sessionIdleSeconds)
    // The server enforces the idle and absolute lifetimes (WebSessionDriver); the cookie follows the idle one.
    app.sessions.configuration.cookieFactory = { sessionID in
        .init(string: sessionID.string, expires: Date().addingTimeInterval(idle), maxAge: nil, domain: nil,
              path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.serverSecrets = ServerSecrets()

    // Evidence uploads are the largest bodies; leave room for the multipart envelope.
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxUploadBytes + 256 * 1024)

    // No log line carries a secret (acknowledgement links, tokens, cookies), whoever writes it.
    if !(app.logger.handler is RedactingLogHandler) { app.logger.handler = RedactingLogHandler(app.logger.handler) }
    app.middleware = Middlewares()
    // Our own request log: Vapor's RouteLoggingMiddleware writes raw paths, capability links included.
    app.middleware.use(AccessLogMiddleware())
    app.middleware.use(ErrorPageMiddleware())

    app.migrations.add(Migrations.all)

    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(ResetTwoFactorCommand(), as: "reset-two-factor")
    app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
    app.asyncCommands.use(FeedCommand(kind: .nvd), as: "import-nvd")
    app.asyncCommands.use(FeedCommand(kind: .kev), as: "import-kev")
    app.asyncCommands.use(FeedCommand(kind: .csaf), as: "import-csaf")
    app.asyncCommands.use(FeedCommand(kind: .cpe), as: "import-cpe")
    app.asyncCommands.use(FeedCommand(kind: .epss), as: "import-epss")
    app.asyncCommands.use(BundleCommand(), as: "bundle")
    app.asyncCommands.use(MatchCommand(), as: "match")
    app.asyncCommands.use(SyncCommand(), as: "sync")
    app.asyncCommands.use(ImportScanCommand(), as: "import-scan")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.storage[CPEProposalCacheKey.self] = CPEProposalCache()
    // The outbound policy: allow-lists from the database, names resolved by the system. Registered before the
    // monitoring runtime so that its webhook clients shut down after the loops that use them.
    app.outbound = OutboundContext(group: app.eventLoopGroup, resolver: SystemHostResolver(group: app.eventLoopGroup),
                                   policies: OutboundPolicyCache(db: app.db))
    app.lifecycle.use(OutboundLifecycle())
    app.lifecycle.use(MonitoringRuntime())
    let sweeper = WebSessionSweeper()
    app.storage[WebSessionSweeperKey.self] = sweeper
    app.lifecycle.use(sweeper)
    app.lifecycle.use(BackupScheduler())
    app.storage[FeedRateLimitersKey.self] = FeedRateLimiters()
    app.lifecycle.use(FeedSyncScheduler())

    try routes(app)

    // `backup` and `restore` leave the database as it is (see AppConfig.prepareDatabase).
    guard config.prepareDatabase else { return }
    if case .sqliteFile = config.database, let sql = app.db as? any SQLDatabase {
        // Readers no longer block the writer; the setting is stored in the file.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    try await MigrationLock.migrate(app)
    if config.demo {
        try await DemoSeeder.seedIfEmpty(app)
    }
}
