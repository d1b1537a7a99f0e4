import Fluent
import Foundation
import SQLKit
import TrucCore

extension MonitorCheckStore {
    /// Check counts per monitor and local day since `since`, counted by the database in two grouped queries (raw
    /// results and stored rollups), for pages that show many monitors at once (the public status page). The
    /// rollups returned carry counts only, no latency; each starts at its local midnight. `utcOffsetSeconds` is the
    /// time zone's offset (whole hours, no daylight saving, as in Vietnam).
    static func dailyCounts(of monitorIDs: [UUID], since: Date, utcOffsetSeconds: Int,
                            on db: any Database) async throws -> [UUID: [CheckRollup]] {
        guard !monitorIDs.isEmpty else { return [:] }
        let sql = sql(db)
        func localDay(_ column: String) -> SQLQueryString {
            // SQLite keeps dates as seconds since 1970 (REAL); PostgreSQL as timestamps.
            sql.dialect.name == "postgresql"
                ? "CAST(floor((extract(epoch from \(ident: column)) + \(literal: utcOffsetSeconds)) / 86400) AS BIGINT)"
                : "CAST((\(ident: column) + \(literal: utcOffsetSeconds)) / 86400 AS INTEGER)"
        }
        let ids = SQLGroupExpression(monitorIDs.map { SQLBind($0) as any SQLExpression })
        let up = ProbeOutcome.up.code, degraded = ProbeOutcome.degraded.code, down = ProbeOutcome.down.code
        let raw = try await sql.raw("""
            SELECT monitor_id, \(localDay("at")) AS day, COUNT(*) AS total,
              SUM(CASE WHEN outcome = \(literal: up) THEN 1 ELSE 0 END) AS up,
              SUM(CASE WHEN outcome = \(literal: degraded) THEN 1 ELSE 0 END) AS degraded,
              SUM(CASE WHEN outcome = \(literal: down) THEN 1 ELSE 0 END) AS down
            FROM \(ident: resultsTable) WHERE monitor_id IN \(ids) AND at >= \(bind: since)
            GROUP BY monitor_id, day
            """).all()
        let stored = try await sql.raw("""
            SELECT monitor_id, \(localDay("bucket_start")) AS day, SUM(total) AS total, SUM(up) AS up,
              SUM(degraded) AS degraded, SUM(down) AS down
            FROM \(ident: rollupsTable) WHERE monitor_id IN \(ids) AND bucket_start >= \(bind: since)
            GROUP BY monitor_id, day
            """).all()
        var result: [UUID: [CheckRollup]] = [:]
        for row in raw + stored {
            let day = try row.decode(column: "day", as: Int.self)
            let start = Date(timeIntervalSince1970: TimeInterval(day * 86_400 - utcOffsetSeconds))
            result[try row.decode(column: "monitor_id", as: UUID.self), default: []].append(
                CheckRollup(bucketStart: start, total: try row.decode(column: "total", as: Int.self),
                            up: try row.decode(column: "up", as: Int.self), degraded: try row.decode(column: "degraded", as: Int.self),
                            down: try row.decode(column: "down", as: Int.self)))
        }
        return result
    }
}
