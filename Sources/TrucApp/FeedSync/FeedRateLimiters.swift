import Foundation
import NIOConcurrencyHelpers
import TrucCore

/// The rate limiters of this process, one per source kind and key state, shared by every run (scheduled or not):
/// NVD allows 5 requests in a rolling 30 seconds without an API key and 50 with one.
final class FeedRateLimiters: Sendable {
    private let clock: FeedClock
    private let limiters = NIOLockedValueBox<[String: FeedRateLimiter]>([:])
    /// Benchmarks against a fake NVD only: no limit.
    private let unlimited: Bool

    init(clock: FeedClock = .system, unlimited: Bool = false) {
        self.clock = clock
        self.unlimited = unlimited
    }

    static let window: TimeInterval = 30

    /// NVD's published limits.
    static func nvdLimit(hasKey: Bool) -> Int { hasKey ? 50 : 5 }

    func nvd(hasKey: Bool) -> FeedRateLimiter {
        limiter("nvd-\(hasKey)", limit: unlimited ? 1_000_000 : Self.nvdLimit(hasKey: hasKey))
    }

    private func limiter(_ name: String, limit: Int) -> FeedRateLimiter {
        let clock = self.clock
        return limiters.withLockedValue { all in
            if let existing = all[name] { return existing }
            let made = FeedRateLimiter(limit: limit, window: Self.window, clock: clock)
            all[name] = made
            return made
        }
    }
}
