import Fluent
import Foundation
import TrucCore

/// Fills an initial report from what Trực ATTT knows: the unit and its parent, an information system with its
/// domains, public IPs and security level, the operating systems and services among its assets, and the caller.
enum IncidentPrefiller {
    static func report(unit: OrgUnit, systemID: UUID?, principal: Principal, on db: any Database, now: Date = Date()) async throws -> InitialIncidentReport {
        let parent = try await unit.$parent.get(on: db)
        var system: InformationSystem?
        var assets: [Asset] = []
        if let systemID, let found = try await InformationSystem.find(systemID, on: db), found.$unit.id == unit.id {
            system = found
            assets = try await Asset.query(on: db).filter(\.$system.$id == systemID).all()
        }
        let person = try await Person.find(principal.personID, on: db)
        let prefill = IncidentPrefill(unitName: unit.name, parentUnitName: parent?.name, systemName: system?.name,
                                      domains: system?.domains ?? [], publicIPs: system?.publicIPs ?? [],
                                      securityLevel: system?.securityLevel, purpose: system?.purpose,
                                      osNames: assets.filter { $0.kind == .server || $0.kind.isNetworkDevice }.map { [$0.product, $0.version].compactMap { $0 }.joined(separator: " ") },
                                      serviceNames: assets.filter { $0.kind == .software }.map { [$0.product ?? $0.name, $0.version].compactMap { $0 }.joined(separator: " ") })
        let reporter = IncidentReporter(name: principal.fullName, email: principal.email, phone: person?.phone ?? unit.phone ?? "",
                                        title: person?.title, unitName: unit.name, unitAddress: unit.address)
        return InitialIncidentReport.prefill(system: prefill, reporter: reporter, detectedAt: now, detectionMethod: .monitoringSystem, reportedAt: now)
    }
}
