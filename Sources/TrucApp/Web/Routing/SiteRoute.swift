import Foundation
import Vapor

/// Every page, form and file the server answers outside the JSON API, as one typed value. Each feature's routes
/// are an enum of their own (`CampaignRoute`, `RosterRoute`, …); this one gathers them, so that
/// `SiteRoute.allPatterns` is the whole site, which `SiteRouteTests` compares with the routes the app registers.
/// The JSON API is described the same way by each API controller's `operations` (`APIOperation`).
enum SiteRoute: WebRoute, Equatable {
    case stylesheet, openAPI, healthz, readyz
    case home(HomeRoute)
    case auth(AuthRoute)
    case directory(DirectoryRoute)
    case audit(AuditRoute)
    case campaigns(CampaignRoute)
    case roster(RosterRoute)
    case inventory(InventoryRoute)
    case findings(FindingRoute)
    case vulnerabilities(VulnerabilityRoute)
    case advisories(AdvisoryRoute)
    case monitoring(MonitorRoute)
    case incidents(IncidentRoute)
    case outbound(OutboundRoute)
    case backups(BackupRoute)
    case feedSources(FeedSourceRoute)

    var route: any WebRoute {
        switch self {
        case .stylesheet, .openAPI, .healthz, .readyz: self
        case .home(let r): r
        case .auth(let r): r
        case .directory(let r): r
        case .audit(let r): r
        case .campaigns(let r): r
        case .roster(let r): r
        case .inventory(let r): r
        case .findings(let r): r
        case .vulnerabilities(let r): r
        case .advisories(let r): r
        case .monitoring(let r): r
        case .incidents(let r): r
        case .outbound(let r): r
        case .backups(let r): r
        case .feedSources(let r): r
        }
    }

    var method: HTTPMethod {
        switch self {
        case .stylesheet, .openAPI, .healthz, .readyz: .GET
        default: route.method
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .stylesheet: [.fixed("static"), .fixed("app.css")]
        case .openAPI: [.fixed("openapi.json")]
        case .healthz: [.fixed("healthz")]
        case .readyz: [.fixed("readyz")]
        default: route.segments
        }
    }

    static let allPatterns: [SiteRoute] = [.stylesheet, .openAPI, .healthz, .readyz]
        + HomeRoute.allPatterns.map(SiteRoute.home)
        + AuthRoute.allPatterns.map(SiteRoute.auth)
        + DirectoryRoute.allPatterns.map(SiteRoute.directory)
        + AuditRoute.allPatterns.map(SiteRoute.audit)
        + CampaignRoute.allPatterns.map(SiteRoute.campaigns)
        + RosterRoute.allPatterns.map(SiteRoute.roster)
        + InventoryRoute.allPatterns.map(SiteRoute.inventory)
        + FindingRoute.allPatterns.map(SiteRoute.findings)
        + VulnerabilityRoute.allPatterns.map(SiteRoute.vulnerabilities)
        + AdvisoryRoute.allPatterns.map(SiteRoute.advisories)
        + MonitorRoute.allPatterns.map(SiteRoute.monitoring)
        + IncidentRoute.allPatterns.map(SiteRoute.incidents)
        + OutboundRoute.allPatterns.map(SiteRoute.outbound)
        + BackupRoute.allPatterns.map(SiteRoute.backups)
        + FeedSourceRoute.allPatterns.map(SiteRoute.feedSources)
}
