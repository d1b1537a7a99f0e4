import Fluent
import Foundation
import TrucCore

extension CampaignUnit.Model {
    static func query(_ campaign: Campaign, unit: OrgUnit, for principal: Principal, on db: any Database) async throws -> Self {
        let view = try await CampaignService.unitView(campaign, unit: unit, for: principal, on: db)
        return Self(campaign: campaign, campaignID: try campaign.requireID(), unitID: try unit.requireID(), unitName: unit.name, view: view)
    }
}
