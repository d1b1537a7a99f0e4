import Fluent
import Foundation
import TrucCore

extension UnitMonitors.Model {
    static func query(unit: OrgUnit, principal: Principal, paging: Paging, now: Date, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let canManage = principal.policy.allows(.manageMonitors, on: unitID)
        let page = try await Monitor.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).sort(\.$id).page(paging)
        let windows = try await MaintenanceWindowRecord.query(on: db).filter(\.$unitID == unitID)
            .filter(\.$endsAt > now).sort(\.$startsAt).limit(50).all()
        let hooks = canManage ? try await Webhook.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).limit(50).all() : []
        let systems = try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).all()
        let monitors = try await Monitor.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).limit(500).all()
        return Self(
            unitID: unitID, unitName: unit.name, unitCode: unit.code, statusPagePublic: unit.statusPagePublic ?? false, canManage: canManage,
            monitors: page.items, metadata: page.metadata,
            allMonitors: try monitors.map { (id: try $0.requireID(), name: $0.name) },
            systems: try systems.map(SystemOption.init),
            windows: try windows.map { w in
                WindowRow(id: try w.requireID(), startsAt: w.startsAt, endsAt: w.endsAt,
                          monitorName: w.monitorID.flatMap { id in monitors.first { $0.id == id }?.name }, reason: w.reason)
            },
            webhooks: try hooks.map { WebhookRow(id: try $0.requireID(), name: $0.name, url: $0.url, includeSubunits: $0.includeSubunits) })
    }
}
