import Foundation
import Vapor

/// Advisories to units and their Atom feed.
enum AdvisoryRoute: WebRoute, Equatable {
    case list, create, show(UUID), publish(UUID), setUnitState(UUID, unit: UUID), feed

    var method: HTTPMethod {
        switch self {
        case .list, .show, .feed: .GET
        default: .POST
        }
    }
    var segments: [RouteSegment] {
        switch self {
        case .list, .create: [.fixed("advisories")]
        case .show(let a): [.fixed("advisories"), .id("advisoryID", a)]
        case .publish(let a): [.fixed("advisories"), .id("advisoryID", a), .fixed("publish")]
        case .setUnitState(let a, let u): [.fixed("advisories"), .id("advisoryID", a), .fixed("units"), .id("unitID", u), .fixed("state")]
        case .feed: [.fixed("advisories.atom")]
        }
    }
    static let allPatterns: [AdvisoryRoute] = {
        let k = UUID.routeKey
        return [.list, .create, .show(k), .publish(k), .setUnitState(k, unit: k), .feed]
    }()
}
