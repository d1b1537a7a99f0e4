import Foundation
import SQLKit
import TrucCore

/// A table of outgoing messages (`alert_deliveries`, `outbox_mails`) shared by every app instance. Each row has
/// `status` (`DeliveryStatus`), `attempts`, `next_attempt_at`, `lease_owner`, `lease_until`, `last_error` and
/// `sent_at`.
///
/// An instance claims due rows with one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id`
/// (PostgreSQL; SQLite has a single writer), which takes a lease and counts the attempt; it then records the
/// outcome only while it still holds the lease. A message is therefore sent by one instance, and a row whose
/// instance died is taken again once its lease has run out.
struct DeliveryQueue: Sendable {
    var table: String
    var owner: String
    var leaseSeconds: TimeInterval = 120
    var backoff = RetryBackoff()

    /// Claims up to `limit` rows due at `now` (pending and due, or sending with a lapsed lease).
    func claim(now: Date, limit: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw("""
            UPDATE \(ident: table) SET status = \(bind: DeliveryStatus.sending.rawValue), lease_owner = \(bind: owner),
              lease_until = \(bind: now.addingTimeInterval(leaseSeconds)), attempts = attempts + 1
            WHERE id IN (SELECT id FROM \(ident: table)
                         WHERE (status = \(bind: DeliveryStatus.pending.rawValue) AND next_attempt_at <= \(bind: now))
                            OR (status = \(bind: DeliveryStatus.sending.rawValue) AND lease_until < \(bind: now))
                         ORDER BY next_attempt_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
            RETURNING id
            """).all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Extends the lease of row `id` just before it is sent, so that a long batch (slow SMTP servers) never
    /// outlives the lease taken by `claim`. False when the lease was lost: another instance has the row, and this
    /// one must not send it.
    func renew(_ id: UUID, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("""
            UPDATE \(ident: table) SET lease_until = \(bind: now.addingTimeInterval(leaseSeconds))
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND status = \(bind: DeliveryStatus.sending.rawValue)
            RETURNING id
            """).all().isEmpty
    }

    /// Gives back rows claimed but not attempted, or whose attempt a stop cut short: pending again, due at once,
    /// the attempt not counted, so that the next instance sends them. Only rows this instance still holds.
    func release(_ ids: [UUID], on sql: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw("""
            UPDATE \(ident: table) SET status = \(bind: DeliveryStatus.pending.rawValue), lease_owner = NULL, lease_until = NULL,
              attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
            WHERE id IN \(SQLBind.group(ids)) AND lease_owner = \(bind: owner)
              AND status = \(bind: DeliveryStatus.sending.rawValue)
            """).run()
    }

    /// Records the outcome of attempt `attempts` (as counted by `claim`) of row `id`: sent, pending again after
    /// the backoff, or failed. Does nothing if the lease was lost.
    func finish(_ id: UUID, attempts: Int, outcome: DeliveryOutcome, now: Date, on sql: any SQLDatabase,
                report: inout DeliveryReport) async throws {
        let status: DeliveryStatus
        var nextAttempt = now
        switch outcome {
        case .success:
            status = .sent
            report.sent += 1
        case .failure(_, let retryable):
            if retryable, let delay = backoff.delay(afterAttempt: attempts) {
                status = .pending
                nextAttempt = now.addingTimeInterval(delay)
                report.retrying += 1
            } else {
                status = .failed
                report.failed += 1
            }
        }
        try await sql.raw("""
            UPDATE \(ident: table) SET status = \(bind: status.rawValue), next_attempt_at = \(bind: nextAttempt),
              last_error = \(bind: outcome.errorMessage), sent_at = \(bind: status == .sent ? now : nil),
              lease_owner = NULL, lease_until = NULL
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner)
            """).run()
    }
}
