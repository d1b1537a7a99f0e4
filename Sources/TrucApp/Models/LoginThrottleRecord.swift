import Fluent
import Foundation
import TrucCore

/// The failed sign-ins of one throttling key (see `ThrottleBucket`), shared by every app instance. The key is the
/// SHA-256 of the bucket's text, so the table lists neither addresses nor e-mails.
final class LoginThrottleRecord: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @Field(key: "window_start") var windowStart: Date
    @Field(key: "last_failure_at") var lastFailureAt: Date
    @OptionalField(key: "next_allowed_at") var nextAllowedAt: Date?
    /// When the row may be deleted (the run is over).
    @Field(key: "expires_at") var expiresAt: Date
    /// Bumped by every write; writes check it, so concurrent attempts on several instances are all counted.
    @Field(key: "version") var version: Int

    init() {}

    var counter: ThrottleCounter {
        ThrottleCounter(failures: failures, windowStart: windowStart, lastFailureAt: lastFailureAt, nextAllowedAt: nextAllowedAt)
    }
}
