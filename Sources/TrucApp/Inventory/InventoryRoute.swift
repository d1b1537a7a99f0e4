import Foundation
import Vapor

/// A unit's inventory: systems and assets.
enum InventoryRoute: WebRoute, Equatable {
    case inventory(unit: UUID), createSystem(unit: UUID), createAsset(unit: UUID), importAssets(unit: UUID)
    case editSystem(UUID), updateSystem(UUID), deleteSystem(UUID)
    case asset(UUID), updateAsset(UUID), deleteAsset(UUID)
    case importScan(unit: UUID), scanHistory(unit: UUID), scanFile(UUID)

    var method: HTTPMethod {
        switch self {
        case .inventory, .editSystem, .asset, .scanHistory, .scanFile: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .inventory(let u): [.fixed("units"), .id("unitID", u), .fixed("inventory")]
        case .createSystem(let u): [.fixed("units"), .id("unitID", u), .fixed("systems")]
        case .createAsset(let u): [.fixed("units"), .id("unitID", u), .fixed("assets")]
        case .importAssets(let u): [.fixed("units"), .id("unitID", u), .fixed("assets"), .fixed("import")]
        case .editSystem(let s): [.fixed("systems"), .id("systemID", s), .fixed("edit")]
        case .updateSystem(let s): [.fixed("systems"), .id("systemID", s)]
        case .deleteSystem(let s): [.fixed("systems"), .id("systemID", s), .fixed("delete")]
        case .asset(let a), .updateAsset(let a): [.fixed("assets"), .id("assetID", a)]
        case .deleteAsset(let a): [.fixed("assets"), .id("assetID", a), .fixed("delete")]
        case .importScan(let u), .scanHistory(let u): [.fixed("units"), .id("unitID", u), .fixed("scans")]
        case .scanFile(let s): [.fixed("scans"), .id("scanID", s), .fixed("file")]
        }
    }

    static let allPatterns: [InventoryRoute] = {
        let k = UUID.routeKey
        return [.inventory(unit: k), .createSystem(unit: k), .createAsset(unit: k), .importAssets(unit: k),
                .editSystem(k), .updateSystem(k), .deleteSystem(k), .asset(k), .updateAsset(k), .deleteAsset(k),
                .importScan(unit: k), .scanHistory(unit: k), .scanFile(k)]
    }()
}
