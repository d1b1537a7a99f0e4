import Foundation
import Vapor

/// Campaign pages and forms.
enum CampaignRoute: WebRoute, Equatable {
    case list, new, create, createFromTemplate
    case show(UUID), update(UUID)
    case addItem(UUID), updateItem(UUID, item: UUID), deleteItem(UUID, item: UUID)
    case unit(UUID, unit: UUID), acknowledge(UUID, unit: UUID)
    case report(UUID, item: UUID, unit: UUID)
    case complianceCSV(UUID), summary(UUID)
    case evidence(UUID)

    var method: HTTPMethod {
        switch self {
        case .list, .new, .show, .unit, .complianceCSV, .summary, .evidence: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        let root = RouteSegment.fixed("campaigns")
        switch self {
        case .list, .create: return [root]
        case .new: return [root, .fixed("new")]
        case .createFromTemplate: return [root, .fixed("from-template")]
        case .show(let c), .update(let c): return [root, .id("campaignID", c)]
        case .addItem(let c): return [root, .id("campaignID", c), .fixed("items")]
        case .updateItem(let c, let i): return [root, .id("campaignID", c), .fixed("items"), .id("itemID", i)]
        case .deleteItem(let c, let i): return [root, .id("campaignID", c), .fixed("items"), .id("itemID", i), .fixed("delete")]
        case .unit(let c, let u): return [root, .id("campaignID", c), .fixed("units"), .id("unitID", u)]
        case .acknowledge(let c, let u): return [root, .id("campaignID", c), .fixed("units"), .id("unitID", u), .fixed("acknowledge")]
        case .report(let c, let i, let u):
            return [root, .id("campaignID", c), .fixed("items"), .id("itemID", i), .fixed("units"), .id("unitID", u), .fixed("report")]
        case .complianceCSV(let c): return [root, .id("campaignID", c), .fixed("compliance.csv")]
        case .summary(let c): return [root, .id("campaignID", c), .fixed("summary")]
        case .evidence(let e): return [.fixed("evidence"), .id("evidenceID", e)]
        }
    }

    static let allPatterns: [CampaignRoute] = {
        let k = UUID.routeKey
        return [.list, .new, .create, .createFromTemplate, .show(k), .update(k), .addItem(k), .updateItem(k, item: k),
                .deleteItem(k, item: k), .unit(k, unit: k), .acknowledge(k, unit: k), .report(k, item: k, unit: k),
                .complianceCSV(k), .summary(k), .evidence(k)]
    }()
}
