import Foundation

/// Exponential back-off for deliveries that may fail (webhooks, e-mail): after failed attempt `n` (1-based), wait
/// `baseSeconds × factor^(n-1)`, at most `maxSeconds`, and give up after `maxAttempts` attempts in all.
///
/// With the defaults (30 s, ×2, 1 hour, 6 attempts): 30 s, 1 min, 2 min, 4 min, 8 min, then no more.
public struct RetryBackoff: Sendable, Codable, Equatable {
    public var baseSeconds: TimeInterval
    public var factor: Double
    public var maxSeconds: TimeInterval
    /// Attempts in all, the first included.
    public var maxAttempts: Int

    /// The defaults above.
    public static let standard = RetryBackoff()

    public init(baseSeconds: TimeInterval = 30, factor: Double = 2, maxSeconds: TimeInterval = 3_600,
                maxAttempts: Int = 6) {
        self.baseSeconds = baseSeconds
        self.factor = factor
        self.maxSeconds = maxSeconds
        self.maxAttempts = maxAttempts
    }

    /// The wait before the attempt after attempt `n` (1-based; values below 1 count as 1); nil when `n` was the
    /// last attempt allowed.
    public func delay(afterAttempt n: Int) -> TimeInterval? {
        guard n < maxAttempts else { return nil }
        let exponent = Double(max(n, 1) - 1)
        let raw = baseSeconds * pow(factor, exponent)
        return min(raw.isFinite ? raw : maxSeconds, maxSeconds)
    }

    /// When to try again after attempt `n` failed at `failedAt`; nil when there are no attempts left.
    public func nextAttempt(afterAttempt n: Int, failedAt: Date) -> Date? {
        delay(afterAttempt: n).map { failedAt.addingTimeInterval($0) }
    }
}
