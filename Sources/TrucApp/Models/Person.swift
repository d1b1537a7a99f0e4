import Fluent
import Foundation

/// Somebody who signs in: staff of a unit, with roles on one or more units.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    /// Stored lower-cased; unique.
    @Field(key: "email") var email: String
    @Field(key: "full_name") var fullName: String
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "phone") var phone: String?
    /// Bcrypt hash; nil for a person who cannot sign in (a contact-only entry).
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Web sessions signed in before this are refused (set when the password is reset or the person deactivated).
    @OptionalField(key: "sessions_valid_after") var sessionsValidAfter: Date?
    @Children(for: \.$person) var roles: [RoleAssignment]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, email: String, fullName: String, title: String? = nil,
         phone: String? = nil, passwordHash: String? = nil) {
        self.id = id
        self.$unit.id = unitID
        self.email = email.lowercased()
        self.fullName = fullName
        self.title = title
        self.phone = phone
        self.passwordHash = passwordHash
        self.isActive = true
        self.failedLogins = 0
        self.lockedUntil = nil
    }
}
