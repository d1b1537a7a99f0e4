import Foundation

/// The printable summary report of a campaign.
enum CampaignSummary {}

extension CampaignSummary {
    struct Model {
        var campaign: Campaign
        var campaignID: UUID
        var summary: CampaignSummaryReportDTO
    }
}
