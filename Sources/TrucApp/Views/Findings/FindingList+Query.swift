import Fluent
import Foundation
import TrucCore

extension FindingList.Model {
    static func query(filter: FindingService.Filter, selection: FindingList.Selection, principal: Principal, paging: Paging,
                      now: Date, on db: any Database) async throws -> Self {
        let page = try await FindingService.query(filter, for: principal, on: db, now: now).with(\.$asset).page(paging)
        let summary = try await FindingService.summary(for: principal, filter: filter, on: db, now: now)
        let units = try await OrgUnit.query(on: db).sort(\.$code).all()
            .compactMap { unit in unit.id.flatMap { principal.policy.allows(.read, on: $0) ? (id: $0, label: "\(unit.code) — \(unit.name)") : nil } }
        let systems = try await InformationSystem.query(on: db).sort(\.$name).limit(500).all()
            .filter { principal.policy.allows(.read, on: $0.$unit.id) }
            .compactMap { system in system.id.map { (id: $0, name: system.name) } }
        let epss = try await EPSSRecord.lookup(page.items.map { $0.$vulnerability.id }, on: db)
        return Self(findings: page.items, epss: epss, metadata: page.metadata, summary: summary, units: units, systems: systems,
                    selection: selection, now: now)
    }
}
