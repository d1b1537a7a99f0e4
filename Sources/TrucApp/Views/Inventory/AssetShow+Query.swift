import Fluent
import Foundation
import TrucCore

extension AssetShow.Model {
    static func query(_ asset: Asset, principal: Principal, now: Date, on db: any Database) async throws -> Self {
        let systems = try await InformationSystem.query(on: db).filter(\.$unit.$id == asset.$unit.id).sort(\.$name).all()
        let findings = try await Finding.query(on: db).filter(\.$asset.$id == asset.requireID())
            .sort(\.$status).sort(\.$cvssScore, .descending).all()
        return Self(asset: asset, systems: systems, findings: findings,
                    canManage: principal.policy.allows(.manageInventory, on: asset.$unit.id), now: now)
    }
}
