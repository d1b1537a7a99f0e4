import Foundation

/// The checks of one monitor over one time bucket (an hour or a day), summed: counts by outcome and a histogram
/// of the latencies of the answered (up and degraded) checks.
public struct CheckRollup: Sendable, Equatable, Codable {
    /// Start of the bucket (a multiple of the bucket length since 1970-01-01T00:00Z).
    public var bucketStart: Date
    /// Checks in all: `up + degraded + down` when built by `add(_:latencyMs:)`.
    public var total: Int
    public var up: Int
    public var degraded: Int
    public var down: Int
    /// Latencies of the up and degraded checks.
    public var latency: LatencyHistogram

    public init(bucketStart: Date, total: Int = 0, up: Int = 0, degraded: Int = 0, down: Int = 0,
                latency: LatencyHistogram = LatencyHistogram()) {
        self.bucketStart = bucketStart
        self.total = total
        self.up = up
        self.degraded = degraded
        self.down = down
        self.latency = latency
    }

    /// Counts one check; its latency goes into the histogram unless it is down (a failed check's time is mostly
    /// the timeout) or unknown.
    public mutating func add(_ outcome: ProbeOutcome, latencyMs: Double?) {
        total += 1
        switch outcome {
        case .up: up += 1
        case .degraded: degraded += 1
        case .down: down += 1
        }
        if outcome != .down, let latencyMs { latency.add(latencyMs) }
    }

    /// Adds the counts and latencies of another rollup (keeping this one's `bucketStart`).
    public mutating func merge(_ other: CheckRollup) {
        total += other.total
        up += other.up
        degraded += other.degraded
        down += other.down
        latency.merge(other.latency)
    }

    /// `UptimeMath.uptimePercent(up:degraded:total:)` of this bucket.
    public var uptimePercent: Double? {
        UptimeMath.uptimePercent(up: up, degraded: degraded, total: total)
    }
}
