import Fluent
import Foundation
import TrucCore

extension CampaignList.Model {
    static func query(for principal: Principal, q: String?, state: String?, paging: Paging, now: Date,
                      on db: any Database) async throws -> Self {
        let page = try await CampaignService.listQuery(for: principal, q: q, state: state, now: now, on: db).page(paging)
        return Self(campaigns: page.items, metadata: page.metadata, q: q, state: state, mayCreate: principal.isCoordinator, now: now)
    }
}
