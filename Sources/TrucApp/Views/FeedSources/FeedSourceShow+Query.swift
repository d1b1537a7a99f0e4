import Fluent
import Foundation
import TrucCore

extension FeedSourceShow.Model {
    static func query(_ source: FeedSource, paging: Paging, scheduleOn: Bool, newKey: String? = nil, error: String? = nil,
                      on db: any Database) async throws -> Self {
        let page = try await FeedSourceService.runs(of: source, paging: paging, on: db)
        return Self(source: source, runs: page.items, metadata: page.metadata, scheduleOn: scheduleOn, newKey: newKey, error: error)
    }
}
