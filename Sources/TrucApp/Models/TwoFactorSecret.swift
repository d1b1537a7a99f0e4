import Fluent
import Foundation

/// A person's TOTP authenticator. Two-factor sign-in is on once `confirmedAt` is set (the person typed a code from
/// it); before that the row is an enrolment in progress. The secret is never logged and never shown after the
/// enrolment page.
final class TwoFactorSecret: Model, @unchecked Sendable {
    static let schema = "two_factor_secrets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    /// Base32 text of the TOTP secret.
    @Field(key: "secret") var secret: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The time step of the last code accepted; codes of that step or earlier are refused (no replay).
    @OptionalField(key: "last_used_step") var lastUsedStep: Int64?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(personID: UUID, secret: String) {
        self.$person.id = personID
        self.secret = secret
    }
}
