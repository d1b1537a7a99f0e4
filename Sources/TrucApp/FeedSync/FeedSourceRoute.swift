import Foundation
import Vapor

/// The coordinator's pages for the knowledge sources synced on a schedule (/feeds/sources…).
enum FeedSourceRoute: WebRoute, Equatable {
    case list, create, show(UUID), update(UUID), run(UUID), delete(UUID)

    var method: HTTPMethod {
        switch self {
        case .list, .show: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .list, .create: [.fixed("feeds"), .fixed("sources")]
        case .show(let id), .update(let id): [.fixed("feeds"), .fixed("sources"), .id("sourceID", id)]
        case .run(let id): [.fixed("feeds"), .fixed("sources"), .id("sourceID", id), .fixed("run")]
        case .delete(let id): [.fixed("feeds"), .fixed("sources"), .id("sourceID", id), .fixed("delete")]
        }
    }

    static let allPatterns: [FeedSourceRoute] = [.list, .create, .show(.routeKey), .update(.routeKey), .run(.routeKey), .delete(.routeKey)]
}
