import Fluent
import Foundation
import TrucCore

extension HomeShow.Model {
    static func query(for principal: Principal, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Self {
        let roles = try await RoleAssignment.query(on: db).filter(\.$person.$id == principal.personID).with(\.$unit).all()
        let campaigns = try await Campaign.query(on: db).filter(\.$endsAt >= now).sort(\.$startsAt).limit(10).all()
        let unit = try await OrgUnit.find(principal.unitID, on: db)
        let duty = try await unit.asyncMap {
            try await RosterService.onDuty(units: [$0], restrictTo: [principal.unitID], at: now, timeZone: timeZone, on: db).first
        }
        // Items of running campaigns still waiting for an answer from the person's own unit.
        var waiting: [UUID: Int] = [:]
        if let unit, principal.policy.allows(.report, on: principal.unitID) {
            let items = try await ChecklistItem.query(on: db).filter(\.$campaign.$id ~~ campaigns.compactMap(\.id)).all()
                .filter { $0.targetKinds.contains(unit.kind) }
            let answered = Set(try await ItemReport.query(on: db).filter(\.$unit.$id == principal.unitID)
                .filter(\.$item.$id ~~ items.compactMap(\.id)).all().map { $0.$item.id })
            for item in items where !answered.contains(item.id!) { waiting[item.$campaign.id, default: 0] += 1 }
        }
        let pending = try await AdvisoryQueries.pending(for: principal, on: db)
        let summary = try await FindingService.summary(for: principal, filter: FindingService.Filter(), on: db)
        let open = try await IncidentService.visible(to: principal, on: db).filter(\.status.isOpen)
        let support = open.filter { $0.supportRequested && $0.status == .reported }
        let shown = (support + open.filter { !($0.supportRequested && $0.status == .reported) }).prefix(5)
        var model = Self(
            fullName: principal.fullName, unitID: principal.unitID,
            roles: try roles.map { RoleRow(role: $0.role, unitID: try $0.unit.requireID(), unitName: $0.unit.name) },
            campaigns: try campaigns.map { c in
                let id = try c.requireID()
                return CampaignRow(id: id, title: c.title, startsAt: c.startsAt, endsAt: c.endsAt, waiting: waiting[id] ?? 0)
            },
            duty: duty ?? nil,
            findings: summary,
            advisories: try pending.prefix(10).map { advisory, row in
                AdvisoryRow(id: try advisory.requireID(), reference: advisory.reference, title: advisory.title, unitName: row.unit.name, state: row.state)
            },
            openIncidents: open.count, supportRequests: support.count,
            awaitingTriage: open.filter { $0.status == .reported }.count,
            incidents: try shown.map { IncidentRow(id: try $0.requireID(), reference: $0.reference, title: $0.title, unitName: $0.unit.name, status: $0.status) })
        if principal.isCoordinator { model.failingSources = try await FeedSourceService.failing(on: db) }
        return model
    }
}
