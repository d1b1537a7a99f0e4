import Fluent
import Foundation
import SQLKit
import TrucCore

/// Claims due checks for one instance. On PostgreSQL the candidate rows are locked with `FOR UPDATE SKIP LOCKED`,
/// so instances polling at the same moment take disjoint sets; SQLite has one writer at a time, which gives the
/// same guarantee. A claim is a lease: the scheduler renews the leases it holds while their checks run and are
/// written (`renew`), so if the instance dies its checks are claimable again within `leaseSeconds`.
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

    /// Extends every lease `owner` holds, including ones that lapsed while the database was unreachable and that
    /// no other instance has taken since. Returns how many.
    @discardableResult
    static func renew(owner: String, now: Date, leaseSeconds: TimeInterval, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw("""
            UPDATE monitors SET lease_until = \(bind: now.addingTimeInterval(leaseSeconds))
            WHERE lease_owner = \(bind: owner) RETURNING id
            """).all().count
    }

    /// Gives up every lease `owner` still holds (a stopping instance): the checks stay due, and the next instance
    /// claims them in their slot. Returns how many.
    @discardableResult
    static func releaseAll(owner: String, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw("""
            UPDATE monitors SET lease_owner = NULL, lease_until = NULL
            WHERE lease_owner = \(bind: owner) RETURNING id
            """).all().count
    }

    /// Whether the whole slot of `check` had passed at `now` (every instance was stopped, or far behind): such a
    /// check is not run late but moved to its next slot, so that after a restart the overdue checks are spread
    /// over their interval by their phase, and none runs twice within seconds.
    static func missedSlot(_ check: ClaimedCheck, now: Date) -> Bool {
        now.timeIntervalSince(check.dueAt) >= Double(max(check.intervalSeconds, 1))
    }

    /// Moves claimed checks whose slot has passed to their next slot (`SchedulePlan.firstDue`, keeping each
    /// monitor's phase) and gives up their leases, in one transaction.
    static func reschedule(_ checks: [ClaimedCheck], owner: String, now: Date, on db: any Database) async throws {
        guard !checks.isEmpty else { return }
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            for check in checks {
                let next = SchedulePlan.firstDue(id: check.monitorID, interval: check.intervalSeconds, now: now)
                try await sql.raw("""
                    UPDATE monitors SET next_due_at = \(bind: next), lease_owner = NULL, lease_until = NULL
                    WHERE id = \(bind: check.monitorID) AND lease_owner = \(bind: owner)
                    """).run()
            }
        }
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
