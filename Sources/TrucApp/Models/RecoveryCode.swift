import Fluent
import Foundation

/// One of a person's one-time recovery codes for two-factor sign-in; only its SHA-256 is stored.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "two_factor_recovery_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(personID: UUID, codeHash: String) {
        self.$person.id = personID
        self.codeHash = codeHash
    }
}
