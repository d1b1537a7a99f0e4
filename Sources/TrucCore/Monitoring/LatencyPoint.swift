import Foundation

/// One check on a latency chart (see `SVGChart.latencyLine`).
public struct LatencyPoint: Sendable, Equatable {
    public var at: Date
    /// Nil when the check got no answer: the line has a gap there.
    public var ms: Double?
    public var outcome: ProbeOutcome

    public init(at: Date, ms: Double?, outcome: ProbeOutcome) {
        self.at = at
        self.ms = ms
        self.outcome = outcome
    }
}
