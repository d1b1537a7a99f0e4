import Fluent
import Foundation
import TrucCore

/// A person's duty shift (ca trực) for a unit, optionally within a campaign.
final class DutyShift: Model, @unchecked Sendable {
    static let schema = "duty_shifts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @OptionalParent(key: "campaign_id") var campaign: Campaign?
    @Parent(key: "person_id") var person: Person
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "role") var role: DutyRole
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, campaignID: UUID?, personID: UUID, startsAt: Date, endsAt: Date,
         role: DutyRole, note: String? = nil) {
        self.id = id
        self.$unit.id = unitID
        self.$campaign.id = campaignID
        self.$person.id = personID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.role = role
        self.note = note
    }
}
