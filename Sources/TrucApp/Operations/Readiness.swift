import Fluent
import NIOCore
import SQLKit
import Vapor

/// `/readyz`: whether this instance can serve requests now, for a load balancer. It runs `SELECT 1` on the
/// database with a short time limit and answers 200 `{"status":"ready"}`, or 503 `{"status":"unavailable"}` with
/// `Retry-After` while the database cannot be reached. `/healthz` (liveness) stays trivial: the process answers.
enum Readiness {
    /// Longest wait for the database's answer.
    static let timeout: TimeAmount = .seconds(3)

    struct Body: Content {
        var status: String
        var database: String
    }

    struct TimedOut: Error {}

    static func response(_ req: Request) async -> Response {
        let databaseOK = await databaseAnswers(req.db, on: req.eventLoop)
        let response = Response(status: databaseOK ? .ok : .serviceUnavailable)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if !databaseOK {
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(DatabaseOutage.retryAfterSeconds)")
        }
        try? response.content.encode(Body(status: databaseOK ? "ready" : "unavailable",
                                          database: databaseOK ? "ok" : "unreachable"))
        return response
    }

    /// True when the database answers `SELECT 1` within `timeout`. A query that hangs is left behind, not awaited.
    static func databaseAnswers(_ db: any Database, on eventLoop: any EventLoop) async -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let promise = eventLoop.makePromise(of: Void.self)
        let timer = eventLoop.scheduleTask(in: timeout) { promise.fail(TimedOut()) }
        Task {
            do {
                try await sql.raw("SELECT 1").run()
                promise.succeed(())
            } catch {
                promise.fail(error)
            }
        }
        do {
            try await promise.futureResult.get()
            timer.cancel()
            return true
        } catch {
            timer.cancel()
            return false
        }
    }
}
