import Foundation
import Vapor

/// Findings (vulnerabilities found on assets).
enum FindingRoute: WebRoute, Equatable {
    case list, show(UUID), setStatus(UUID)

    var method: HTTPMethod { if case .setStatus = self { .POST } else { .GET } }
    var segments: [RouteSegment] {
        switch self {
        case .list: [.fixed("findings")]
        case .show(let f): [.fixed("findings"), .id("findingID", f)]
        case .setStatus(let f): [.fixed("findings"), .id("findingID", f), .fixed("status")]
        }
    }
    static let allPatterns: [FindingRoute] = [.list, .show(.routeKey), .setStatus(.routeKey)]
}
