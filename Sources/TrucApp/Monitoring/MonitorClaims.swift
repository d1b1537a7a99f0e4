import Fluent
import Foundation
import SQLKit
import TrucCore

/// Claims due checks for one instance. On PostgreSQL the candidate rows are locked with `FOR UPDATE SKIP LOCKED`,
/// so instances polling at the same moment take disjoint sets; SQLite has one writer at a time, which gives the
/// same guarantee. A claim is a lease: if the instance dies, the check is claimable again after `leaseSeconds`.
enum MonitorClaims {
    static let columns = "id, unit_id, name, kind, target, settings, interval_s, timeout_ms, retries, tracker, next_due_at"

    static func claim(owner: String, limit: Int, now: Date, leaseSeconds: TimeInterval, on db: any Database) async throws -> [ClaimedCheck] {
        guard limit > 0, let sql = db as? any SQLDatabase else { return [] }
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw("""
            UPDATE monitors SET lease_owner = \(bind: owner), lease_until = \(bind: now.addingTimeInterval(leaseSeconds))
            WHERE id IN (SELECT id FROM monitors
                         WHERE enabled = \(bind: true) AND next_due_at <= \(bind: now)
                           AND (lease_until IS NULL OR lease_until < \(bind: now))
                         ORDER BY next_due_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
            RETURNING \(unsafeRaw: columns)
            """).all()
        return try rows.map(check(from:)).sorted { $0.dueAt < $1.dueAt }
    }

    static func check(from row: any SQLRow) throws -> ClaimedCheck {
        ClaimedCheck(monitorID: try row.decode(column: "id", as: UUID.self),
                     unitID: try row.decode(column: "unit_id", as: UUID.self),
                     name: try row.decode(column: "name", as: String.self),
                     kind: MonitorKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .http,
                     targetText: try row.decode(column: "target", as: String.self),
                     settings: MonitorJSON.settings(try row.decode(column: "settings", as: String.self)),
                     intervalSeconds: try row.decode(column: "interval_s", as: Int.self),
                     timeoutMs: try row.decode(column: "timeout_ms", as: Int.self),
                     retries: try row.decode(column: "retries", as: Int.self),
                     tracker: MonitorJSON.tracker(try row.decode(column: "tracker", as: String.self)),
                     dueAt: try row.decode(column: "next_due_at", as: Date.self))
    }
}
