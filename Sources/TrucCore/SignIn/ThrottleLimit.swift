import Foundation

/// How many failures in a row one throttling key may have before every further attempt must wait, and how the
/// wait grows: `firstDelay` after the `freeFailures`-th failure, doubling with each failure after it, never more
/// than `maxDelay`. A key with no failure for `forgetAfter` starts again from nothing.
public struct ThrottleLimit: Sendable, Equatable {
    public var freeFailures: Int
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var forgetAfter: TimeInterval

    public init(freeFailures: Int, firstDelay: TimeInterval, maxDelay: TimeInterval, forgetAfter: TimeInterval) {
        self.freeFailures = max(1, freeFailures)
        self.firstDelay = firstDelay
        self.maxDelay = max(firstDelay, maxDelay)
        self.forgetAfter = max(forgetAfter, self.maxDelay)
    }

    /// The wait after failure number `failures` of a run (1-based); nil while no wait is due.
    public func delay(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeFailures else { return nil }
        let doublings = min(failures - freeFailures, 40)
        return min(firstDelay * pow(2, Double(doublings)), maxDelay)
    }
}
