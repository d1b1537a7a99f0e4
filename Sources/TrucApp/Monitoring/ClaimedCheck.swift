import Foundation
import TrucCore

/// A check that this instance has claimed (leased) and must run: everything the probe and the recorder need.
struct ClaimedCheck: Sendable {
    var monitorID: UUID
    var unitID: UUID
    var name: String
    var kind: MonitorKind
    var targetText: String
    var settings: MonitorSettings
    var intervalSeconds: Int
    var timeoutMs: Int
    var retries: Int
    var tracker: MonitorStateTracker
    /// When the check was due (the schedule lag is measured from here).
    var dueAt: Date

    var timeout: Duration { .milliseconds(timeoutMs) }

    /// The parsed target, or nil when the stored text no longer parses (reported as down).
    var target: MonitorTarget? { try? MonitorTarget.parse(kind: kind, text: targetText) }
}

/// A claimed check with what its probe found.
struct CompletedCheck: Sendable {
    var check: ClaimedCheck
    var result: ProbeResult
    var startedAt: Date
    var finishedAt: Date
}
