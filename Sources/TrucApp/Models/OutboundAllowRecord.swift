import Fluent
import Foundation

/// One entry of the outbound allow-list kept by the provincial coordinator: a range (CIDR) or a host name that
/// monitors, webhooks and DNS resolvers may reach although it is private (see `TrucCore.OutboundPolicy`).
/// `unitID` nil: the whole province; else only that unit's monitors and webhooks.
final class OutboundAllowRecord: Model, @unchecked Sendable {
    static let schema = "outbound_allow_entries"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "unit_id") var unitID: UUID?
    /// "range" or "name" (`OutboundAllowEntry.kind`).
    @Field(key: "kind") var kind: String
    /// The canonical text ("10.1.0.0/16", "*.so-a.gov.vn"), parsed again with `OutboundAllowEntry(parsing:)`.
    @Field(key: "value") var value: String
    /// Why it is allowed (free text, shown on the page and in the audit log).
    @Field(key: "note") var note: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
