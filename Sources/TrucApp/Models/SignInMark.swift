import Fluent
import Foundation

/// A note that an account signed in successfully from an address or a browser (device cookie), so that sign-ins
/// from there are held only to their own counter (see `LoginThrottle.Familiarity`). Keyed by a SHA-256.
final class SignInMark: Model, @unchecked Sendable {
    static let schema = "sign_in_marks"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
