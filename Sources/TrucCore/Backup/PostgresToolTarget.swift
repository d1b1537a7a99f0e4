import Foundation

/// How `pg_dump` and `pg_restore` reach the database of a `DATABASE_URL`: host, port, user and database go on the
/// command line; the password and the TLS mode go in the child's environment (`PGPASSWORD`, `PGSSLMODE`), so the
/// password never shows in a process list or a log.
public struct PostgresToolTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// libpq's sslmode: disable, allow, prefer, require, verify-ca or verify-full.
    public var sslMode: String

    public init(host: String, port: Int = 5432, user: String, password: String?, database: String, sslMode: String = "prefer") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Reads `postgres://user:password@host:5432/database?sslmode=require` the way the app's driver does
    /// (`tlsmode`, `sslmode`, `ssl` or `tls`; `true` and `false` stand for prefer and disable).
    public init(url text: String) throws(PostgresToolTargetError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              ["postgres", "postgresql", "postgres+tcp", "postgresql+tcp"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { throw PostgresToolTargetError("DATABASE_URL is not a postgres://user:password@host:port/database URL") }
        guard let user = url.user, !user.isEmpty else { throw PostgresToolTargetError("DATABASE_URL has no user name") }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let database = path.isEmpty ? user : path
        let mode = url.queryItems?.last(where: { ["tlsmode", "sslmode", "ssl", "tls"].contains($0.name.lowercased()) })?.value ?? "prefer"
        let sslMode: String
        switch mode.lowercased() {
        case "true": sslMode = "prefer"
        case "false": sslMode = "disable"
        case "disable", "allow", "prefer", "require", "verify-ca", "verify-full": sslMode = mode.lowercased()
        default: throw PostgresToolTargetError("DATABASE_URL has an unknown sslmode '\(mode)'")
        }
        self.init(host: host, port: url.port ?? 5432, user: user, password: url.password, database: database, sslMode: sslMode)
    }

    /// The connection options for the command line (no password).
    public var arguments: [String] {
        ["--host", host, "--port", String(port), "--username", user, "--dbname", database, "--no-password"]
    }

    /// What the child's environment gets: the password (if any) and the TLS mode.
    public var environment: [String: String] {
        var env = ["PGSSLMODE": sslMode, "PGCONNECT_TIMEOUT": "30"]
        if let password { env["PGPASSWORD"] = password }
        return env
    }

    /// The environment of a child process: the parent's, less what holds a secret of ours or could redirect libpq
    /// elsewhere, plus `environment`.
    public func childEnvironment(from parent: [String: String]) -> [String: String] {
        var env = parent.filter { key, _ in
            !key.hasPrefix("PG") && key != "DATABASE_URL" && key != "TEST_POSTGRES_URL" && !key.hasPrefix("TRUC_")
        }
        env.merge(environment) { _, new in new }
        return env
    }
}

public struct PostgresToolTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
