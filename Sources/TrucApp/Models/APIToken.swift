import Fluent
import Foundation

/// A bearer token for the JSON API. Only its SHA-256 is stored; the secret is shown once at creation.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "name") var name: String
    /// Hex SHA-256 of the secret.
    @Field(key: "token_hash") var tokenHash: String
    /// First characters of the secret, to recognise it in a list.
    @Field(key: "prefix") var prefix: String
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, personID: UUID, name: String, tokenHash: String, prefix: String, expiresAt: Date?) {
        self.id = id
        self.$person.id = personID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.expiresAt = expiresAt
    }
}
