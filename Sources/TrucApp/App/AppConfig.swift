import Foundation
import TrucCore

/// Everything the app reads from its environment, read once at start. Bad values fail fast with a clear message.
public struct AppConfig: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        /// Embedded default: one SQLite file.
        case sqliteFile(String)
        /// For tests.
        case sqliteMemory
        /// `DATABASE_URL=postgres://user:pass@host:5432/db`; `searchPath` puts tables in a schema (tests).
        case postgres(url: String, searchPath: String?)
    }

    public var database: DatabaseChoice
    public var timeZone: TimeZone
    /// Largest evidence upload, in bytes.
    public var maxUploadBytes: Int
    /// The largest scanner report or SBOM accepted (`TRUC_SCAN_MAX_MB`, default 100 MB).
    public var maxScanBytes: Int = 100 * 1024 * 1024
    /// Marks the session cookie Secure (set behind HTTPS).
    public var secureCookies: Bool
    public var bcryptCost: Int
    /// Failed sign-ins of one account from one address (or browser) before each further attempt must wait; see
    /// `LoginThrottle` for the other counters, which derive from it. Nothing locks an account.
    public var loginMaxFailures: Int
    /// The longest wait between sign-in attempts, in seconds (the wait starts at 30 s and doubles up to this).
    public var loginMaxWaitSeconds: Int
    /// Reverse proxies whose X-Forwarded-For header names the client (`TRUC_TRUSTED_PROXIES`); none by default,
    /// and then the connection's peer is the client.
    public var trustedProxies: TrustedProxies = .none
    /// Load the demo province when the database is empty.
    public var demo: Bool
    /// Run the monitoring scheduler, alert dispatcher and housekeeping in this process (`serve` sets it; off
    /// with TRUC_MONITORING=off, e.g. for a web-only instance).
    public var runMonitoring: Bool = false
    public var monitoringDisabled: Bool = false
    /// Most checks in flight at once in this instance.
    public var monitorConcurrency: Int = 1000
    /// Most HTTP checks of one scheme, host and port at once in this instance (default: `monitorConcurrency`).
    public var monitorPerHost: Int = 1000
    /// Base URL of the web interface, for links in e-mails (no trailing slash).
    public var publicURL: String = "http://localhost:8080"
    /// SMTP server for alert e-mails; nil: e-mails are recorded as failed with a clear reason.
    public var smtpHost: String?
    public var smtpPort: Int = 25
    /// none, starttls or tls.
    public var smtpSecurity: String = "none"
    public var smtpUsername: String?
    public var smtpPassword: String?
    public var mailFrom: String = "Truc ATTT <truc-attt@localhost>"
    /// A web session unused this long ends (on the server, not only in the browser).
    public var sessionIdleSeconds: Int = 30 * 60
    /// A web session ends this long after sign-in, however much it is used.
    public var sessionMaxSeconds: Int = 12 * 3600
    /// This process is the web server (`serve`): it sweeps expired sessions.
    public var serving: Bool = false
    /// Bring the schema up to date (and load the demo) when the app starts. Off for `backup` and `restore`, which
    /// must neither change the database they copy nor put tables into the one they restore to.
    public var prepareDatabase: Bool = true
    /// Where `serve` writes scheduled backups (`TRUC_BACKUP_DIR`); nil: no scheduled backups.
    public var backupDirectory: String?
    /// Whether `serve` runs the scheduled feed syncs (`TRUC_FEED_SYNC`, default on).
    public var feedSync: Bool = true
    /// How long a request for a pooled database connection may wait before it fails (Fluent's default, 10 s).
    /// Tests raise it: the whole suite on 2 cores can keep a connection busy for longer, and a test is about
    /// behaviour, not about how loaded its machine is.
    public var databasePoolTimeoutSeconds: Int64 = 10

    public static let defaultTimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    public init(database: DatabaseChoice, timeZone: TimeZone = AppConfig.defaultTimeZone,
                maxUploadBytes: Int = 10 * 1024 * 1024, secureCookies: Bool = false, bcryptCost: Int = 12,
                loginMaxFailures: Int = 5, loginMaxWaitSeconds: Int = 15 * 60, demo: Bool = false) {
        self.database = database
        self.timeZone = timeZone
        self.maxUploadBytes = maxUploadBytes
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.loginMaxFailures = loginMaxFailures
        self.loginMaxWaitSeconds = loginMaxWaitSeconds
        self.demo = demo
    }

    /// The variables, their defaults and meaning (also printed in the README).
    public static let variables: [(name: String, meaning: String)] = [
        ("DATABASE_URL", "postgres://user:password@host:5432/db: use PostgreSQL (else the embedded SQLite file)"),
        ("TRUC_SQLITE_PATH", "SQLite file path (default truc.sqlite)"),
        ("TRUC_TIMEZONE", "IANA time zone for display and forms (default Asia/Ho_Chi_Minh)"),
        ("TRUC_MAX_UPLOAD_MB", "largest evidence file in MiB (default 10)"),
        ("TRUC_SECURE_COOKIES", "1 to mark the session cookie Secure (behind HTTPS)"),
        ("TRUC_BCRYPT_COST", "Bcrypt cost for passwords, 4-31 (default 12)"),
        ("TRUC_LOGIN_MAX_FAILURES", "failed sign-ins of one account from one address before attempts must wait (default 5); never locks"),
        ("TRUC_LOGIN_MAX_WAIT_MINUTES", "longest wait between sign-in attempts, 1-1440 (default 15; TRUC_LOGIN_LOCK_MINUTES is the older name)"),
        ("TRUC_TRUSTED_PROXIES", "addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client (default none)"),
        ("TRUC_MONITORING", "off: this instance serves pages only and runs no checks or alerts (default on for serve)"),
        ("TRUC_MONITOR_CONCURRENCY", "most checks in flight at once per instance (default 1000)"),
        ("TRUC_MONITOR_PER_HOST", "most HTTP checks of one host and port at once per instance (default: TRUC_MONITOR_CONCURRENCY); a check that cannot start within its timeout is skipped, not counted as down"),
        ("TRUC_PUBLIC_URL", "base URL of the web interface, the only source of absolute links (e-mails, the Atom feed); default http://localhost:8080"),
        ("TRUC_SMTP_HOST", "SMTP server for alert e-mails (unset: e-mails are not sent and say why)"),
        ("TRUC_SMTP_PORT", "SMTP port (default 25)"),
        ("TRUC_SMTP_SECURITY", "none, starttls or tls (default none)"),
        ("TRUC_SMTP_USER", "SMTP user name (with TRUC_SMTP_PASSWORD; never logged)"),
        ("TRUC_SMTP_PASSWORD", "SMTP password"),
        ("TRUC_MAIL_FROM", "From address of alert e-mails (default Truc ATTT <truc-attt@localhost>)"),
        ("TRUC_SESSION_IDLE_MINUTES", "a web session unused this long ends, 1-1440 (default 30)"),
        ("TRUC_SESSION_MAX_HOURS", "a web session ends this long after sign-in, 1-720 (default 12)"),
        ("TRUC_FEED_SYNC", "off: this instance runs no scheduled NVD/KEV/EPSS/CSAF syncs (default on for serve; sources are set on /feeds)"),
        ("TRUC_BACKUP_DIR", "an existing directory: serve makes scheduled backups there (interval and how many to keep set by the coordinator)"),
    ]

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig(database: .sqliteFile(env["TRUC_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "truc.sqlite"))
        if let url = env["DATABASE_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), let scheme = parsed.scheme,
                  ["postgres", "postgresql"].contains(scheme.lowercased()), parsed.host != nil
            else {
                throw ConfigError("DATABASE_URL must look like postgres://user:password@host:5432/database (got a value with scheme '\(URL(string: url)?.scheme ?? "?")')")
            }
            config.database = .postgres(url: url, searchPath: nil)
        }
        if let tz = env["TRUC_TIMEZONE"], !tz.isEmpty {
            guard let zone = TimeZone(identifier: tz) else { throw ConfigError("TRUC_TIMEZONE '\(tz)' is not an IANA time zone such as Asia/Ho_Chi_Minh") }
            config.timeZone = zone
        }
        config.maxUploadBytes = try int(env, "TRUC_MAX_UPLOAD_MB", default: 10, range: 1...512) * 1024 * 1024
        config.maxScanBytes = try int(env, "TRUC_SCAN_MAX_MB", default: 100, range: 1...2048) * 1024 * 1024
        config.secureCookies = ["1", "true", "yes"].contains((env["TRUC_SECURE_COOKIES"] ?? "").lowercased())
        config.bcryptCost = try int(env, "TRUC_BCRYPT_COST", default: 12, range: 4...31)
        config.loginMaxFailures = try int(env, "TRUC_LOGIN_MAX_FAILURES", default: 5, range: 1...100)
        let waitName = (env["TRUC_LOGIN_MAX_WAIT_MINUTES"] ?? "").isEmpty ? "TRUC_LOGIN_LOCK_MINUTES" : "TRUC_LOGIN_MAX_WAIT_MINUTES"
        config.loginMaxWaitSeconds = try int(env, waitName, default: 15, range: 1...1440) * 60
        if let text = env["TRUC_TRUSTED_PROXIES"], !text.isEmpty {
            do {
                config.trustedProxies = try TrustedProxies(parsing: text)
            } catch {
                throw ConfigError("TRUC_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas: \(error)")
            }
        }
        if let text = env["TRUC_MONITORING"], !text.isEmpty {
            guard ["on", "off", "1", "0", "true", "false"].contains(text.lowercased()) else {
                throw ConfigError("TRUC_MONITORING must be on or off (got '\(text)')")
            }
            config.monitoringDisabled = ["off", "0", "false"].contains(text.lowercased())
        }
        if let text = env["TRUC_FEED_SYNC"], !text.isEmpty {
            guard ["on", "off", "1", "0", "true", "false"].contains(text.lowercased()) else {
                throw ConfigError("TRUC_FEED_SYNC must be on or off (got '\(text)')")
            }
            config.feedSync = !["off", "0", "false"].contains(text.lowercased())
        }
        config.monitorConcurrency = try int(env, "TRUC_MONITOR_CONCURRENCY", default: 1000, range: 1...20_000)
        config.monitorPerHost = try int(env, "TRUC_MONITOR_PER_HOST", default: config.monitorConcurrency, range: 1...20_000)
        if let url = env["TRUC_PUBLIC_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ConfigError("TRUC_PUBLIC_URL must be an http(s) URL such as https://truc.example.gov.vn (got '\(url)')")
            }
            config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let host = env["TRUC_SMTP_HOST"], !host.isEmpty { config.smtpHost = host }
        config.smtpPort = try int(env, "TRUC_SMTP_PORT", default: 25, range: 1...65535)
        if let security = env["TRUC_SMTP_SECURITY"], !security.isEmpty {
            guard ["none", "starttls", "tls"].contains(security.lowercased()) else {
                throw ConfigError("TRUC_SMTP_SECURITY must be none, starttls or tls (got '\(security)')")
            }
            config.smtpSecurity = security.lowercased()
        }
        config.smtpUsername = env["TRUC_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }
        config.smtpPassword = env["TRUC_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (config.smtpUsername == nil) != (config.smtpPassword == nil) {
            throw ConfigError("set both TRUC_SMTP_USER and TRUC_SMTP_PASSWORD, or neither")
        }
        if let from = env["TRUC_MAIL_FROM"], !from.isEmpty { config.mailFrom = from }
        config.sessionIdleSeconds = try int(env, "TRUC_SESSION_IDLE_MINUTES", default: 30, range: 1...1440) * 60
        config.sessionMaxSeconds = try int(env, "TRUC_SESSION_MAX_HOURS", default: 12, range: 1...720) * 3600
        if config.sessionIdleSeconds > config.sessionMaxSeconds {
            throw ConfigError("TRUC_SESSION_IDLE_MINUTES (\(config.sessionIdleSeconds / 60)) must not be longer than TRUC_SESSION_MAX_HOURS (\(config.sessionMaxSeconds / 3600) h)")
        }
        if let dir = env["TRUC_BACKUP_DIR"], !dir.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ConfigError("TRUC_BACKUP_DIR must be an existing directory (got '\(dir)')")
            }
            guard FileManager.default.isWritableFile(atPath: dir) else {
                throw ConfigError("TRUC_BACKUP_DIR '\(dir)' is not writable by this user")
            }
            config.backupDirectory = dir
        }
        return config
    }

    /// The sign-in throttling rule these settings make.
    public var loginThrottle: LoginThrottle {
        LoginThrottle(maxFailures: loginMaxFailures, maxWait: TimeInterval(loginMaxWaitSeconds))
    }

    private static func int(_ env: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = env[name], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigError("\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound) (got '\(text)')")
        }
        return number
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
