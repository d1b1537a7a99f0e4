import Foundation
import NIOConcurrencyHelpers
import TrucCore

/// A clock for tests: `sleep` moves the time forward at once instead of waiting, so that rate limits and retry
/// waits of minutes run in milliseconds, and what happened "when" can still be checked.
public final class VirtualClock: Sendable {
    private let current: NIOLockedValueBox<Date>
    private let slept = NIOLockedValueBox<[TimeInterval]>([])

    public init(start: Date = Date()) {
        current = NIOLockedValueBox(start)
    }

    public var now: Date { current.withLockedValue { $0 } }

    /// Every wait asked for, in order.
    public var sleeps: [TimeInterval] { slept.withLockedValue { $0 } }

    public func advance(_ seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    /// A `FeedClock` reading and moving this clock.
    public var feedClock: FeedClock {
        FeedClock(now: { self.now }, sleep: { seconds in
            self.slept.withLockedValue { $0.append(seconds) }
            self.advance(seconds)
            await Task.yield()
        })
    }
}
