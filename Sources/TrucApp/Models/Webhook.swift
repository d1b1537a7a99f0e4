import Fluent
import Foundation

/// A URL that receives the unit's alerts as signed JSON (HMAC-SHA256 with `secret`).
final class Webhook: Model, @unchecked Sendable {
    static let schema = "webhooks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "name") var name: String
    @Field(key: "url") var url: String
    /// Shared secret; shown once when created, never in logs or the audit log.
    @Field(key: "secret") var secret: String
    /// Also receive the alerts of the unit's sub-units.
    @Field(key: "include_subunits") var includeSubunits: Bool
    @Field(key: "enabled") var enabled: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
