import Foundation
import Vapor

/// The outbound allow-list page.
enum OutboundRoute: WebRoute, Equatable {
    case list, create, delete(UUID)

    var method: HTTPMethod { self == .list ? .GET : .POST }
    var segments: [RouteSegment] {
        switch self {
        case .list, .create: [.fixed("outbound")]
        case .delete(let id): [.fixed("outbound"), .id("entryID", id), .fixed("delete")]
        }
    }
    static let allPatterns: [OutboundRoute] = [.list, .create, .delete(.routeKey)]
}
