import Fluent
import Foundation
import TrucCore

extension CampaignShow.Model {
    static func query(_ campaign: Campaign, items: [ChecklistItem], for principal: Principal, now: Date,
                      on db: any Database) async throws -> Self {
        let board = try await CampaignService.boardData(campaign, items: items, for: principal, now: now, on: db)
        let reportable = try await CampaignService.reportableUnits(items, for: principal, on: db)
        var own: [UnitCampaignDTO] = []
        for unit in reportable.prefix(inlineUnits) {
            own.append(try await CampaignService.unitView(campaign, unit: unit, for: principal, now: now, on: db))
        }
        let others = try reportable.dropFirst(inlineUnits).map { UnitLink(id: try $0.requireID(), name: $0.name) }
        return Self(campaign: campaign, campaignID: try campaign.requireID(), items: items, board: board, ownUnits: own,
                    otherUnits: others, mayEdit: principal.isCoordinator, now: now)
    }
}
