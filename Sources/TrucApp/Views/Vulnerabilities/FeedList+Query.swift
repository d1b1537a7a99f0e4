import Fluent
import Foundation
import TrucCore

extension FeedList.Model {
    static func query(principal: Principal, paging: Paging, on db: any Database) async throws -> Self {
        let page = try await FeedImport.query(on: db).sort(\.$startedAt, .descending).page(paging)
        return Self(imports: page.items, metadata: page.metadata, policy: try await SLASettings.load(on: db),
                    cveCount: try await Vulnerability.query(on: db).count(),
                    kevCount: try await Vulnerability.query(on: db).filter(\.$kev == true).count(),
                    mayEditSLA: principal.isCoordinator)
    }
}
