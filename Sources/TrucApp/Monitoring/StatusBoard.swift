import Fluent
import Foundation
import TrucCore

/// The province-wide board: monitor counts by state per unit, and the monitors in trouble.
enum StatusBoard {
    struct UnitRow: Sendable {
        var unitID: UUID
        var unitCode: String
        var unitName: String
        var counts: [MonitorState: Int]
        var openAlerts: Int
        var statusPagePublic: Bool
    }

    static func visibleUnitIDs(_ principal: Principal) -> [UUID]? {
        principal.isCoordinator ? nil : Array(principal.policy.units(with: .read) ?? [])
    }

    static func units(for principal: Principal, on db: any Database) async throws -> [UnitRow] {
        let visible = visibleUnitIDs(principal)
        let monitorQuery = Monitor.query(on: db).field(\.$id).field(\.$unit.$id).field(\.$state)
        let alertQuery = MonitorAlert.query(on: db).filter(\.$acknowledgedAt == nil).filter(\.$resolvedAt == nil).filter(\.$event != .up)
        let unitQuery = OrgUnit.query(on: db).sort(\.$code)
        if let visible {
            monitorQuery.filter(\.$unit.$id ~~ visible)
            alertQuery.filter(\.$unitID ~~ visible)
            unitQuery.filter(\.$id ~~ visible)
        }
        let monitors = try await monitorQuery.all()
        let alerts = try await alertQuery.all()
        var counts: [UUID: [MonitorState: Int]] = [:]
        for m in monitors { counts[m.$unit.id, default: [:]][m.state, default: 0] += 1 }
        var open: [UUID: Int] = [:]
        for a in alerts { open[a.unitID, default: 0] += 1 }
        return try await unitQuery.all().compactMap { unit in
            guard let id = unit.id, counts[id] != nil else { return nil }
            return UnitRow(unitID: id, unitCode: unit.code, unitName: unit.name, counts: counts[id] ?? [:],
                           openAlerts: open[id] ?? 0, statusPagePublic: unit.statusPagePublic ?? false)
        }
    }

    /// Monitors that are down or degraded, worst first (at most 200).
    static func problems(for principal: Principal, on db: any Database) async throws -> [Monitor] {
        let query = Monitor.query(on: db).filter(\.$state ~~ [MonitorState.down, .degraded]).filter(\.$enabled == true).with(\.$unit)
        if let visible = visibleUnitIDs(principal) { query.filter(\.$unit.$id ~~ visible) }
        return try await query.limit(200).all().sorted { a, b in
            a.state == b.state ? (a.stateSince ?? .distantPast) < (b.stateSince ?? .distantPast) : a.state == .down
        }
    }
}
