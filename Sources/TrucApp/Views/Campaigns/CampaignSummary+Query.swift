import Fluent
import Foundation
import TrucCore

extension CampaignSummary.Model {
    static func query(_ campaign: Campaign, items: [ChecklistItem], for principal: Principal, on db: any Database) async throws -> Self {
        let data = try await CampaignService.boardData(campaign, items: items, for: principal, on: db)
        let summary = try await CampaignService.summary(data, on: db)
        return Self(campaign: campaign, campaignID: try campaign.requireID(), summary: summary)
    }
}
