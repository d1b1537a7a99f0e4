import Foundation
import Vapor

/// The backup settings page.
enum BackupRoute: WebRoute, Equatable {
    case settings, save

    var method: HTTPMethod { self == .settings ? .GET : .POST }
    var segments: [RouteSegment] { [.fixed("settings"), .fixed("backups")] }
    static let allPatterns: [BackupRoute] = [.settings, .save]
}
