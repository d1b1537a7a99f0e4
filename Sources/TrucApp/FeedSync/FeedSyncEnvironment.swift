import Fluent
import Foundation
import Logging
import TrucCore
import TrucNet

/// What a sync run needs besides its source: the database, the time zone of deadlines, the HTTP fetcher, the
/// clock (virtual in tests), the retry policy, the process's rate limiters, and where progress goes.
struct FeedSyncEnvironment: Sendable {
    var db: any Database
    var zone: TimeZone
    var fetcher: any FeedFetching
    var clock: FeedClock = .system
    var retry: FeedRetryPolicy = .standard
    var limiters: FeedRateLimiters
    var logger: Logger
    var progress: @Sendable (String) -> Void = { _ in }
    /// Checks CSAF signatures (`gpgv`); nil when there is none, so signatures are marked unchecked.
    var signatureVerifier: (any CSAFSignatureVerifying)? = GPGVVerifier.find()
    /// Called after each NVD page is committed (tests use it to stop a run in the middle, as a crash would).
    var afterPage: @Sendable (Int) async throws -> Void = { _ in }

    /// Longest time one request may take.
    var requestTimeout: Duration = .seconds(120)
}
