import Foundation

/// The failed attempts of one throttling key (an address, an account from an address, ...) in the current run.
///
/// A run ends once nothing has failed for the limit's `forgetAfter`. Attempts refused because of a wait are not
/// failures: they neither grow the count nor push the wait further, so a flood of refused requests cannot keep
/// the real person out for longer.
public struct ThrottleCounter: Sendable, Equatable {
    public var failures: Int
    /// First failure of the run.
    public var windowStart: Date
    public var lastFailureAt: Date
    /// No attempt before this time.
    public var nextAllowedAt: Date?

    public init(failures: Int, windowStart: Date, lastFailureAt: Date, nextAllowedAt: Date?) {
        self.failures = failures
        self.windowStart = windowStart
        self.lastFailureAt = lastFailureAt
        self.nextAllowedAt = nextAllowedAt
    }

    /// Whether the run is over at `now` (the counter can be forgotten).
    public func isExpired(at now: Date, limit: ThrottleLimit) -> Bool {
        now.timeIntervalSince(lastFailureAt) >= limit.forgetAfter && (nextAllowedAt.map { $0 <= now } ?? true)
    }

    /// Seconds to wait at `now` before another attempt; nil when one is allowed.
    public func wait(at now: Date, limit: ThrottleLimit) -> TimeInterval? {
        guard !isExpired(at: now, limit: limit), let next = nextAllowedAt, next > now else { return nil }
        return next.timeIntervalSince(now)
    }

    /// The counter after one more failure at `now` (a new run when `counter` is nil or expired).
    public static func charging(_ counter: ThrottleCounter?, at now: Date, limit: ThrottleLimit) -> ThrottleCounter {
        var next = counter.flatMap { $0.isExpired(at: now, limit: limit) ? nil : $0 }
            ?? ThrottleCounter(failures: 0, windowStart: now, lastFailureAt: now, nextAllowedAt: nil)
        next.failures += 1
        next.lastFailureAt = now
        next.nextAllowedAt = limit.delay(afterFailures: next.failures).map { now.addingTimeInterval($0) } ?? next.nextAllowedAt
        return next
    }

    /// The counter with one charged attempt given back (it turned out not to be a failure); nil when nothing is
    /// left. A wait set by that attempt is lifted once the count is below the free failures again.
    public func refunded(limit: ThrottleLimit) -> ThrottleCounter? {
        guard failures > 1 else { return nil }
        var next = self
        next.failures -= 1
        if next.failures < limit.freeFailures { next.nextAllowedAt = nil }
        return next
    }
}
