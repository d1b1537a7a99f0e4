import Fluent
import Foundation
import SQLKit
import TrucCore

/// Check results, kept compactly: one small row per check for two days, then hourly rollups (counts and a latency
/// histogram) for 35 days, then daily rollups. Rolling up happens in `compact`, under a job lease.
enum MonitorCheckStore {
    static let resultsTable = "check_results"
    static let rollupsTable = "check_rollups"
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86400
    /// Raw results older than this are rolled up into hours.
    static let rawRetention: TimeInterval = 2 * 86400
    /// Hourly rollups older than this are rolled up into days.
    static let hourlyRetention: TimeInterval = 35 * 86400

    /// One raw check result as stored.
    struct StoredResult: Sendable, Equatable {
        var monitorID: UUID
        var at: Date
        var outcome: ProbeOutcome
        var latencyMs: Int?
        var message: String?
    }

    struct CompactionReport: Sendable, Equatable {
        var rawRolledUp = 0
        var hourlyRolledUp = 0
    }

    static func sql(_ db: any Database) -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { fatalError("Trực ATTT needs an SQL database") }
        return sql
    }

    /// Stores results in multi-row inserts.
    static func insert(_ results: [StoredResult], on db: any Database) async throws {
        for chunk in results.chunked(400) {
            let rows: [[any SQLExpression]] = chunk.map {
                [SQLBind($0.monitorID), SQLBind($0.at), SQLBind($0.outcome.code), SQLBind($0.latencyMs),
                 SQLBind($0.message.flatMap { $0.isEmpty ? nil : String($0.prefix(300)) })]
            }
            try await sql(db).insert(into: resultsTable).columns("monitor_id", "at", "outcome", "latency_ms", "message")
                .rows(rows).run()
        }
    }

    /// Raw results of a monitor since `since`, oldest first.
    static func results(of monitorID: UUID, since: Date, limit: Int = 5000, on db: any Database) async throws -> [StoredResult] {
        let rows = try await sql(db).select().columns("at", "outcome", "latency_ms", "message").from(resultsTable)
            .where("monitor_id", .equal, SQLBind(monitorID)).where("at", .greaterThanOrEqual, SQLBind(since))
            .orderBy("at", .descending).limit(limit).all()
        return try rows.reversed().map { row in
            StoredResult(monitorID: monitorID, at: try row.decode(column: "at", as: Date.self),
                         outcome: ProbeOutcome(code: try row.decode(column: "outcome", as: Int.self)) ?? .down,
                         latencyMs: try row.decode(column: "latency_ms", as: Int?.self),
                         message: try row.decode(column: "message", as: String?.self))
        }
    }

    /// Hourly and daily rollups of a monitor starting at or after `since`.
    static func rollups(of monitorID: UUID, since: Date, on db: any Database) async throws -> [CheckRollup] {
        let rows = try await sql(db).select().columns("bucket_start", "total", "up", "degraded", "down", "latency")
            .from(rollupsTable).where("monitor_id", .equal, SQLBind(monitorID))
            .where("bucket_start", .greaterThanOrEqual, SQLBind(since)).orderBy("bucket_start").all()
        return try rows.map(rollup(from:))
    }

    static func rollup(from row: any SQLRow) throws -> CheckRollup {
        CheckRollup(bucketStart: try row.decode(column: "bucket_start", as: Date.self),
                    total: try row.decode(column: "total", as: Int.self),
                    up: try row.decode(column: "up", as: Int.self),
                    degraded: try row.decode(column: "degraded", as: Int.self),
                    down: try row.decode(column: "down", as: Int.self),
                    latency: LatencyHistogram(compactText: try row.decode(column: "latency", as: String.self)) ?? LatencyHistogram())
    }

    /// Everything known about a monitor since `since` as rollups of `bucket` seconds: stored rollups plus the raw
    /// results not rolled up yet (rolled up here, in memory). The two never overlap: raw rows are deleted in the
    /// transaction that stores their rollup.
    static func history(of monitorID: UUID, since: Date, on db: any Database) async throws -> (rollups: [CheckRollup], raw: [StoredResult]) {
        let stored = try await rollups(of: monitorID, since: since, on: db)
        let raw = try await results(of: monitorID, since: since, limit: 20_000, on: db)
        let recent = UptimeMath.rollup(results: raw.map { (at: $0.at, outcome: $0.outcome, latencyMs: $0.latencyMs.map(Double.init)) },
                                       bucket: hour)
        return ((stored + recent).sorted { $0.bucketStart < $1.bucketStart }, raw)
    }

    /// Rolls raw results older than two days into hourly rollups, and hourly rollups older than 35 days into
    /// daily ones, deleting what was rolled up in the same transaction. Safe to run from several instances at
    /// once (rollups are merged by key), but meant to run under the "monitor-compaction" job lease.
    static func compact(now: Date = Date(), on db: any Database) async throws -> CompactionReport {
        var report = CompactionReport()
        let rawCutoff = floorDate(now.addingTimeInterval(-rawRetention), to: hour)
        report.rawRolledUp = try await rollUp(table: resultsTable, before: rawCutoff, bucket: hour, on: db)
        let hourlyCutoff = floorDate(now.addingTimeInterval(-hourlyRetention), to: day)
        report.hourlyRolledUp = try await rollUp(table: rollupsTable, before: hourlyCutoff, bucket: day, on: db)
        return report
    }

    static func floorDate(_ date: Date, to bucket: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / bucket).rounded(.down) * bucket)
    }

    /// Rolls the rows of `table` before `cutoff` into rollups of `bucket` seconds, one hour or day of data per
    /// transaction so memory stays bounded.
    private static func rollUp(table: String, before cutoff: Date, bucket: TimeInterval, on db: any Database) async throws -> Int {
        var total = 0
        let timeColumn = table == resultsTable ? "at" : "bucket_start"
        while true {
            var query = sql(db).select().column(SQLFunction("MIN", args: SQLColumn(timeColumn)), as: "first").from(table)
                .where(timeColumn, .lessThan, SQLBind(cutoff))
            if table == rollupsTable { query = query.where("bucket_seconds", .equal, SQLBind(Int(hour))) }
            guard let row = try await query.first(), let first = try row.decode(column: "first", as: Date?.self) else { break }
            let sliceStart = floorDate(first, to: bucket)
            let sliceEnd = min(sliceStart.addingTimeInterval(bucket), cutoff)
            total += try await db.transaction { tx in
                try await rollUpSlice(table: table, from: sliceStart, to: sliceEnd, bucket: bucket, on: tx)
            }
        }
        return total
    }

    private static func rollUpSlice(table: String, from: Date, to: Date, bucket: TimeInterval, on db: any Database) async throws -> Int {
        var merged: [UUID: CheckRollup] = [:]
        var count = 0
        if table == resultsTable {
            let rows = try await sql(db).select().columns("monitor_id", "at", "outcome", "latency_ms").from(resultsTable)
                .where("at", .greaterThanOrEqual, SQLBind(from)).where("at", .lessThan, SQLBind(to)).all()
            var byMonitor: [UUID: [(at: Date, outcome: ProbeOutcome, latencyMs: Double?)]] = [:]
            for row in rows {
                let id = try row.decode(column: "monitor_id", as: UUID.self)
                byMonitor[id, default: []].append((at: try row.decode(column: "at", as: Date.self),
                                                   outcome: ProbeOutcome(code: try row.decode(column: "outcome", as: Int.self)) ?? .down,
                                                   latencyMs: try row.decode(column: "latency_ms", as: Int?.self).map(Double.init)))
            }
            count = rows.count
            for (id, results) in byMonitor {
                for rollup in UptimeMath.rollup(results: results, bucket: bucket) { merged[id] = merge(merged[id], rollup) }
            }
            try await sql(db).delete(from: resultsTable).where("at", .greaterThanOrEqual, SQLBind(from))
                .where("at", .lessThan, SQLBind(to)).run()
        } else {
            let rows = try await sql(db).select().columns("monitor_id", "bucket_start", "total", "up", "degraded", "down", "latency")
                .from(rollupsTable).where("bucket_seconds", .equal, SQLBind(Int(hour)))
                .where("bucket_start", .greaterThanOrEqual, SQLBind(from)).where("bucket_start", .lessThan, SQLBind(to)).all()
            for row in rows {
                let id = try row.decode(column: "monitor_id", as: UUID.self)
                var rollup = try rollup(from: row)
                rollup.bucketStart = floorDate(rollup.bucketStart, to: bucket)
                merged[id] = merge(merged[id], rollup)
            }
            count = rows.count
            try await sql(db).delete(from: rollupsTable).where("bucket_seconds", .equal, SQLBind(Int(hour)))
                .where("bucket_start", .greaterThanOrEqual, SQLBind(from)).where("bucket_start", .lessThan, SQLBind(to)).run()
        }
        for (id, rollup) in merged { try await upsert(rollup, monitorID: id, bucketSeconds: Int(bucket), on: db) }
        return count
    }

    static func merge(_ a: CheckRollup?, _ b: CheckRollup) -> CheckRollup {
        guard var a else { return b }
        a.total += b.total
        a.up += b.up
        a.degraded += b.degraded
        a.down += b.down
        a.latency.merge(b.latency)
        return a
    }

    /// Adds `rollup` to the stored one with the same key (or stores it).
    static func upsert(_ rollup: CheckRollup, monitorID: UUID, bucketSeconds: Int, on db: any Database) async throws {
        let existing = try await sql(db).select().columns("bucket_start", "total", "up", "degraded", "down", "latency")
            .from(rollupsTable).where("monitor_id", .equal, SQLBind(monitorID))
            .where("bucket_seconds", .equal, SQLBind(bucketSeconds)).where("bucket_start", .equal, SQLBind(rollup.bucketStart))
            .first()
        if let existing {
            let total = merge(try self.rollup(from: existing), rollup)
            try await sql(db).update(rollupsTable)
                .set("total", to: SQLBind(total.total)).set("up", to: SQLBind(total.up))
                .set("degraded", to: SQLBind(total.degraded)).set("down", to: SQLBind(total.down))
                .set("latency", to: SQLBind(total.latency.compactText))
                .where("monitor_id", .equal, SQLBind(monitorID)).where("bucket_seconds", .equal, SQLBind(bucketSeconds))
                .where("bucket_start", .equal, SQLBind(rollup.bucketStart)).run()
        } else {
            try await sql(db).insert(into: rollupsTable)
                .columns("monitor_id", "bucket_seconds", "bucket_start", "total", "up", "degraded", "down", "latency")
                .values(SQLBind(monitorID), SQLBind(bucketSeconds), SQLBind(rollup.bucketStart), SQLBind(rollup.total),
                        SQLBind(rollup.up), SQLBind(rollup.degraded), SQLBind(rollup.down), SQLBind(rollup.latency.compactText))
                .run()
        }
    }
}
