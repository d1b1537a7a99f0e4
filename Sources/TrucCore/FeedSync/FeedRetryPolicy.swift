import Foundation

/// When a failed feed request is tried again: on 403 (NVD's answer when its rate limit is exceeded), 408, 429, 5xx,
/// a cut body or a network error, up to `maxAttempts` attempts, waiting `Retry-After` when the server gives it,
/// otherwise `baseDelay` doubled at each attempt, at most `maxDelay`.
public struct FeedRetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// The least wait after a 403 (NVD's rolling window).
    public var rateLimitDelay: TimeInterval

    public init(maxAttempts: Int = 6, baseDelay: TimeInterval = 5, maxDelay: TimeInterval = 300, rateLimitDelay: TimeInterval = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.rateLimitDelay = rateLimitDelay
    }

    public static let standard = FeedRetryPolicy()

    /// Whether an answer with this status is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        status == 403 || status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed with `status` (nil: no
    /// answer, e.g. a cut body), or nil when no attempt is left or the failure is final.
    public func delay(afterAttempt attempt: Int, status: Int?, retryAfter: String?) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        if let status, !Self.isRetryable(status: status) { return nil }
        var wait = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        if status == 403 { wait = max(wait, rateLimitDelay) }
        if let retryAfter = retryAfter.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), retryAfter >= 0 {
            wait = max(wait, min(retryAfter, maxDelay))
        }
        return wait
    }
}
