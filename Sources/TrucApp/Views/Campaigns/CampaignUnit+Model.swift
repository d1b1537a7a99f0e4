import Foundation

/// One unit's answers to a campaign, with its forms when the person reports for it.
enum CampaignUnit {}

extension CampaignUnit {
    struct Model {
        var campaign: Campaign
        var campaignID: UUID
        var unitID: UUID
        var unitName: String
        var view: UnitCampaignDTO
    }
}
