import Foundation

/// Availability arithmetic over check results and rollups.
public enum UptimeMath {
    /// One hour, the length of the rollups kept for recent days.
    public static let hour: TimeInterval = 3_600
    /// One day (UTC), the length of the rollups kept for older history.
    public static let day: TimeInterval = 86_400

    /// The share of checks that found the service available, in percent: degraded counts as available (it
    /// answered). Nil when there was no check.
    public static func uptimePercent(up: Int, degraded: Int, total: Int) -> Double? {
        guard total > 0 else { return nil }
        return Double(up + degraded) / Double(total) * 100
    }

    /// The uptime of several rollups together (weighted by their checks).
    public static func uptimePercent(of rollups: [CheckRollup]) -> Double? {
        uptimePercent(up: rollups.reduce(0) { $0 + $1.up }, degraded: rollups.reduce(0) { $0 + $1.degraded },
                      total: rollups.reduce(0) { $0 + $1.total })
    }

    /// The start of the bucket of length `bucket` seconds holding `date`: a multiple of `bucket` since
    /// 1970-01-01T00:00Z (so hours and UTC days).
    public static func bucketStart(of date: Date, bucket: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / bucket).rounded(.down) * bucket)
    }

    /// Groups raw check results into buckets of `bucket` seconds aligned on multiples of it since the epoch
    /// (3600 for hours, 86400 for UTC days), ascending; empty buckets are left out. Latencies of down checks are
    /// not put in the histogram (see `CheckRollup.add(_:latencyMs:)`).
    public static func rollup(results: [(at: Date, outcome: ProbeOutcome, latencyMs: Double?)],
                              bucket: TimeInterval) -> [CheckRollup] {
        var byStart: [Date: CheckRollup] = [:]
        for result in results {
            let start = bucketStart(of: result.at, bucket: bucket)
            byStart[start, default: CheckRollup(bucketStart: start)].add(result.outcome, latencyMs: result.latencyMs)
        }
        return byStart.values.sorted { $0.bucketStart < $1.bucketStart }
    }

    /// Re-buckets rollups into coarser aligned buckets (e.g. hourly into daily, `bucket` 86400), summing counts
    /// and merging histograms; ascending. Rollups with the same start are merged too.
    public static func mergeRollups(_ rollups: [CheckRollup], bucket: TimeInterval) -> [CheckRollup] {
        var byStart: [Date: CheckRollup] = [:]
        for rollup in rollups {
            let start = bucketStart(of: rollup.bucketStart, bucket: bucket)
            byStart[start, default: CheckRollup(bucketStart: start)].merge(rollup)
        }
        return byStart.values.sorted { $0.bucketStart < $1.bucketStart }
    }

    /// The uptime of each of the `days` local days ending with the one holding `endingAt`, oldest first. A
    /// rollup counts for the local day holding its `bucketStart` (hourly rollups suit any whole-hour time zone,
    /// such as Vietnam's UTC+7). Days without checks have a nil percentage.
    public static func dailyUptime(rollups: [CheckRollup], days: Int, endingAt: Date,
                                   timeZone: TimeZone) -> [DailyUptime] {
        guard days > 0 else { return [] }
        let calendar = Calendar.gregorian(in: timeZone)
        let last = calendar.startOfDay(for: endingAt)
        let starts = (0..<days).reversed().compactMap { calendar.date(byAdding: .day, value: -$0, to: last) }
        var index: [Date: Int] = [:]
        for (offset, start) in starts.enumerated() { index[start] = offset }
        var up = Array(repeating: 0, count: starts.count)
        var total = Array(repeating: 0, count: starts.count)
        for rollup in rollups {
            guard let offset = index[calendar.startOfDay(for: rollup.bucketStart)] else { continue }
            up[offset] += rollup.up + rollup.degraded
            total[offset] += rollup.total
        }
        return starts.indices.map {
            DailyUptime(day: starts[$0], percent: uptimePercent(up: up[$0], degraded: 0, total: total[$0]))
        }
    }

    /// A percentage for display with at most two decimals, rounded down so that 99.999 % does not show as 100 %:
    /// "100%", "99.95%", "98.5%", "0%". Clamped to 0…100.
    public static func percentText(_ percent: Double) -> String {
        let clamped = min(max(percent.isNaN ? 0 : percent, 0), 100)
        let hundredths = Int((clamped * 100 + 1e-7).rounded(.down))
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)%" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)%" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
