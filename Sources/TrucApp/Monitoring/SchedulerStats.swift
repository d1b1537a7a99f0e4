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
    /// Seconds between a check being due and its probe starting.
    var lags: [Double] = []

    mutating func note(lag: TimeInterval, outcome: ProbeOutcome) {
        probes += 1
        switch outcome {
        case .up: up += 1
        case .degraded: degraded += 1
        case .down: down += 1
        }
        if lags.count < 2_000_000 { lags.append(max(0, lag)) }
    }

    /// The `p`-th percentile (0...100) of the schedule lag, in seconds.
    func lagPercentile(_ p: Double) -> Double? {
        guard !lags.isEmpty else { return nil }
        let sorted = lags.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
