import Foundation

/// At most `limit` calls in any rolling `window` seconds (NVD: 5 per 30 s without an API key, 50 with one).
/// Pure bookkeeping: `reserve(at:)` says how long the next call must wait and records it at that time.
public struct RollingWindowLimit: Sendable, Equatable {
    public let limit: Int
    public let window: TimeInterval
    /// Times of the last `limit` calls, oldest first.
    public private(set) var recent: [TimeInterval] = []
    /// Added to the wait so that the call lands strictly after the window of the oldest call.
    public static let margin: TimeInterval = 0.05

    public init(limit: Int, window: TimeInterval) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// The wait before a call wanted at `now` may go; the call is recorded at `now + wait`.
    public mutating func reserve(at now: TimeInterval) -> TimeInterval {
        var wait: TimeInterval = 0
        if recent.count >= limit {
            let oldest = recent[recent.count - limit]
            wait = max(0, oldest + window + Self.margin - now)
        }
        recent.append(now + wait)
        if recent.count > limit { recent.removeFirst(recent.count - limit) }
        return wait
    }
}

/// Time for the feed syncs: the system clock, or a virtual one in tests.
public struct FeedClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (TimeInterval) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = FeedClock(now: { Date() }, sleep: { seconds in
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
    })
}

/// The one limiter of a source kind's requests in this process: every request of every run asks it first.
public actor FeedRateLimiter {
    private var limit: RollingWindowLimit
    private let clock: FeedClock

    public init(limit: Int, window: TimeInterval, clock: FeedClock = .system) {
        self.limit = RollingWindowLimit(limit: limit, window: window)
        self.clock = clock
    }

    /// Waits until one more request may go, and counts it.
    public func acquire() async throws {
        let wait = limit.reserve(at: clock.now().timeIntervalSince1970)
        if wait > 0 { try await clock.sleep(wait) }
    }
}
