import AsyncKit
import PostgresNIO
import SQLiteNIO

/// Only database drivers' own errors count: PostgresNIO wraps its socket errors in `PSQLError`, so a bare NIO
/// socket or file error (a webhook, an evidence file on a full disk) is never mistaken for a database outage.
///
/// Tells an error that means "the database cannot be reached or is not taking work now" (connection refused or
/// lost, the pool closed or out of time, the server shutting down or full, SQLite's file locked or unreadable)
/// from every other error. Such a request is answered 503 with a retry hint (`ErrorPageMiddleware`), not 500: the
/// request was fine and may be sent again, and a load balancer watching `/readyz` sees the same.
enum DatabaseOutage {
    /// Seconds a client should wait before trying again.
    static let retryAfterSeconds = 5

    static func isOutage(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
                // 08xxx connection exceptions.
                let state = error.serverInfo?[.sqlState] ?? ""
                return ["57P01", "57P02", "57P03", "53300"].contains(state) || state.hasPrefix("08")
            default:
                return false
            }
        case is ConnectionPoolTimeoutError, is ConnectionPoolError:
            return true
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .busyTimeout, .ioError, .cantOpen, .full, .readOnly: return true
            default: return false
            }
        default:
            return false
        }
    }
}
