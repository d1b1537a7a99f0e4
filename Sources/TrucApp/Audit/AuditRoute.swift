import Foundation
import Vapor

/// The audit log.
enum AuditRoute: WebRoute, Equatable {
    case list

    var method: HTTPMethod { .GET }
    var segments: [RouteSegment] { [.fixed("audit")] }
    static let allPatterns: [AuditRoute] = [.list]
}
