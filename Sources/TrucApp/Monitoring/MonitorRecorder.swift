import Fluent
import Foundation
import SQLKit
import TrucCore

/// Writes a batch of completed checks (inside the caller's transaction).
enum MonitorRecorder {
    struct Report: Sendable {
        var recorded = 0
        var lostLeases = 0
        var stateChanges = 0
        var alertsRaised = 0
        var notChecked = 0
    }

    static func record(_ batch: [CompletedCheck], owner: String, now: Date, alerts: AlertRouter, on db: any Database) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { return Report() }
        var report = Report()
        var stored: [MonitorCheckStore.StoredResult] = []
        for item in batch {
            let check = item.check
            if item.result.notChecked {
                // Nothing was learnt about the target: no result, no state change; the check waits for its next slot.
                let nextDue = SchedulePlan.nextDue(after: check.dueAt, interval: check.intervalSeconds, now: now)
                let released = try await sql.raw("""
                    UPDATE monitors SET next_due_at = \(bind: nextDue), lease_owner = NULL, lease_until = NULL
                    WHERE id = \(bind: check.monitorID) AND lease_owner = \(bind: owner)
                    RETURNING id
                    """).all()
                if released.isEmpty { report.lostLeases += 1 } else { report.notChecked += 1 }
                continue
            }
            var tracker = check.tracker
            let change = tracker.record(item.result.outcome, at: item.finishedAt, retries: check.retries)
            let nextDue = SchedulePlan.nextDue(after: check.dueAt, interval: check.intervalSeconds, now: max(now, item.finishedAt))
            let result = item.result
            // Only the lease holder writes; a check whose lease was lost (taken over after a stall) is dropped.
            let updated = try await sql.raw("""
                UPDATE monitors SET tracker = \(bind: MonitorJSON.text(tracker)), state = \(bind: tracker.state.rawValue),
                  state_since = \(bind: tracker.since), last_checked_at = \(bind: item.startedAt),
                  last_outcome = \(bind: result.outcome.code), last_latency_ms = \(bind: result.latencyMs),
                  last_connect_ms = \(bind: result.connectMs),
                  last_message = \(bind: result.message.isEmpty ? nil : String(result.message.prefix(300))),
                  cert_expires_at = \(bind: result.certificateExpiresAt), next_due_at = \(bind: nextDue),
                  lease_owner = NULL, lease_until = NULL
                WHERE id = \(bind: check.monitorID) AND lease_owner = \(bind: owner)
                RETURNING id
                """).all()
            guard !updated.isEmpty else {
                report.lostLeases += 1
                continue
            }
            report.recorded += 1
            stored.append(.init(monitorID: check.monitorID, at: item.startedAt, outcome: result.outcome,
                                latencyMs: result.latencyMs.map { Int($0.rounded(.up)) },
                                message: result.message.isEmpty ? nil : result.message))
            if let change {
                report.stateChanges += 1
                if try await alerts.stateChanged(check: check, change: change, result: result, now: now, on: db) != nil {
                    report.alertsRaised += 1
                }
            }
        }
        try await MonitorCheckStore.insert(stored, on: db)
        return report
    }
}
