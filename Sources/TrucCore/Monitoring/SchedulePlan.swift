import Foundation

/// When monitors run: each monitor has a fixed phase within its interval, derived from its id, so that monitors
/// with the same interval are spread over it instead of all running at the top of the minute, and a monitor runs
/// at the same second of its interval after every restart.
public enum SchedulePlan {
    /// The monitor's phase in whole seconds, in `0..<interval` (0 when the interval is not positive): a 64-bit
    /// FNV-1a hash of the 16 UUID bytes, finished with the SplitMix64 mixer, modulo the interval. Stable across
    /// runs, processes and machines (unlike `hashValue`).
    public static func offset(for id: UUID, interval: Int) -> Int {
        guard interval > 0 else { return 0 }
        let bytes = id.uuid
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        withUnsafeBytes(of: bytes) { raw in
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        hash ^= hash >> 30
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash = hash &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Int(hash % UInt64(interval))
    }

    /// The first due instant at or after `now`: the smallest whole second `t ≥ now` with
    /// `(t - offset) mod interval == 0`, seconds counted from 1970-01-01T00:00Z.
    public static func firstDue(id: UUID, interval: Int, now: Date) -> Date {
        guard interval > 0 else { return now }
        let seconds = Int(now.timeIntervalSince1970.rounded(.up))
        let remainder = (seconds - offset(for: id, interval: interval)).floorMod(interval)
        let due = remainder == 0 ? seconds : seconds + interval - remainder
        return Date(timeIntervalSince1970: TimeInterval(due))
    }

    /// The run after the one due at `due`, keeping the phase: `due + interval`, unless that is not after `now`
    /// (the scheduler fell behind), in which case the first slot `due + k × interval` after `now`, so that missed
    /// runs are skipped rather than caught up in a burst.
    public static func nextDue(after due: Date, interval: Int, now: Date) -> Date {
        guard interval > 0 else { return now }
        let step = TimeInterval(interval)
        let next = due.addingTimeInterval(step)
        if next > now { return next }
        let behind = now.timeIntervalSince(due)
        var result = due.addingTimeInterval(((behind / step).rounded(.down) + 1) * step)
        while result <= now { result = result.addingTimeInterval(step) }  // guards against rounding
        return result
    }
}
