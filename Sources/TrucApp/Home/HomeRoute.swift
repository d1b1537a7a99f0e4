import Foundation
import Vapor

/// The overview page.
enum HomeRoute: WebRoute, Equatable {
    case home

    var method: HTTPMethod { .GET }
    var segments: [RouteSegment] { [] }
    static let allPatterns: [HomeRoute] = [.home]
}
