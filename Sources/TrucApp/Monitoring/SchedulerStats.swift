import Foundation
import TrucCore

/// Counters of one scheduler, for the benchmark and the health page.
struct SchedulerStats: Sendable {
    var probes = 0
    var up = 0
    var degraded = 0
    var down = 0
    var recorded = 0
    var lostLeases = 0
    var stateChanges = 0
    var alertsRaised = 0
    /// Checks that could not start within their timeout (no result, no state change).
    var notChecked = 0
    /// Checks whose whole slot had passed when claimed (after a stop of every instance): moved to their next
    /// slot instead of run late.
    var rescheduled = 0
    /// Result batches that failed to write and were kept for another attempt.
    var writeRetries = 0
    /// Down results whose message is a timeout.
    var timeouts = 0
    /// Seconds between a check being due and its probe starting.
    var lags: [Double] = []

    mutating func note(lag: TimeInterval, result: ProbeResult) {
        if result.notChecked {
            notChecked += 1
            return
        }
        let outcome = result.outcome
        probes += 1
        switch outcome {
        case .up: up += 1
        case .degraded: degraded += 1
        case .down:
            down += 1
            if result.message.hasPrefix("timeout") { timeouts += 1 }
        }
        if lags.count < 2_000_000 { lags.append(max(0, lag)) }
    }

    /// Adds the counters of `other` (several instances of one benchmark).
    mutating func add(_ other: SchedulerStats) {
        probes += other.probes; up += other.up; degraded += other.degraded; down += other.down
        recorded += other.recorded; lostLeases += other.lostLeases; stateChanges += other.stateChanges
        alertsRaised += other.alertsRaised; notChecked += other.notChecked; rescheduled += other.rescheduled
        writeRetries += other.writeRetries; timeouts += other.timeouts
        lags += other.lags.prefix(max(0, 2_000_000 - lags.count))
    }

    /// The `p`-th percentile (0...100) of the schedule lag, in seconds.
    func lagPercentile(_ p: Double) -> Double? {
        guard !lags.isEmpty else { return nil }
        let sorted = lags.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
