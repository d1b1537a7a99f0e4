import Fluent
import Foundation
import TrucCore

extension MonitorShow.Model {
    static func query(_ monitor: Monitor, principal: Principal, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Self {
        let unitID = monitor.$unit.id
        let unit = try await OrgUnit.find(unitID, on: db)
        let (stats, recent) = try await MonitorService.stats(monitor, now: now, timeZone: timeZone, on: db)
        let alerts = try await MonitorAlert.query(on: db).filter(\.$monitor.$id == monitor.requireID())
            .sort(\.$raisedAt, .descending).limit(10).all()
        let canManage = principal.policy.allows(.manageMonitors, on: unitID)
        let systems = canManage ? try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).all() : []
        return Self(monitor: monitor, unitID: unitID, unitName: unit?.name, stats: stats, recent: recent, alerts: alerts,
                    canManage: canManage, systems: try systems.map(SystemOption.init), now: now)
    }
}
