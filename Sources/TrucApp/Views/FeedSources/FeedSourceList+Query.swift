import Fluent
import Foundation
import TrucCore

extension FeedSourceList.Model {
    static func query(paging: Paging, scheduleOn: Bool, on db: any Database) async throws -> Self {
        let page = try await FeedSourceService.page(paging, on: db)
        return Self(sources: page.items, metadata: page.metadata, scheduleOn: scheduleOn)
    }
}
