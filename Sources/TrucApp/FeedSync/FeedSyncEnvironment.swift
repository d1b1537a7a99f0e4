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
    /// `gpgv` for CSAF signatures (nil: not checked).
    var gpgvPath: String? = FeedSyncEnvironment.systemGPGV
    /// Called after each NVD page is committed (tests use it to stop a run in the middle, as a crash would).
    var afterPage: @Sendable (Int) async throws -> Void = { _ in }

    /// Longest time one request may take.
    var requestTimeout: Duration = .seconds(120)

    static var systemGPGV: String? {
        ["/usr/bin/gpgv", "/bin/gpgv", "/usr/local/bin/gpgv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
