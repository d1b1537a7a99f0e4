import Fluent
import Foundation

/// A unit's acknowledgement (tiếp nhận) of a campaign.
final class CampaignAcknowledgement: Model, @unchecked Sendable {
    static let schema = "campaign_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: Campaign
    @Parent(key: "unit_id") var unit: OrgUnit
    @Parent(key: "person_id") var person: Person
    @Field(key: "at") var at: Date

    init() {}

    init(id: UUID? = nil, campaignID: UUID, unitID: UUID, personID: UUID, at: Date) {
        self.id = id
        self.$campaign.id = campaignID
        self.$unit.id = unitID
        self.$person.id = personID
        self.at = at
    }
}
