import Fluent
import Foundation
import Vapor

/// A signed-in browser. Only the SHA-256 of the cookie value is stored, never the value itself.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    /// Hex SHA-256 of the session cookie.
    @Field(key: "key_hash") var keyHash: String
    /// Whose session it is (nil only for a session that holds no sign-in yet).
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "data") var data: SessionData
    /// When the session was created: sign-in always starts a new one, so this is the sign-in time.
    @Field(key: "created_at") var createdAt: Date
    /// The last request that used it (written at most once a minute).
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(keyHash: String, personID: UUID?, data: SessionData, createdAt: Date) {
        self.keyHash = keyHash
        self.$person.id = personID
        self.data = data
        self.createdAt = createdAt
        self.lastSeenAt = createdAt
    }
}
