import Fluent
import Foundation
import TrucCore

extension FindingShow.Model {
    static func query(_ finding: Finding, principal: Principal, now: Date, on db: any Database) async throws -> Self {
        let vulnerability = try await Vulnerability.find(finding.$vulnerability.id, on: db)
        var system: InformationSystem?
        if let systemID = finding.$system.id { system = try await InformationSystem.find(systemID, on: db) }
        let canHandle = principal.policy.allows(.handleFindings, on: finding.$unit.id)
        let canAccept = principal.policy.allows(.acceptRisk, on: finding.$unit.id)
        let next = canHandle ? FindingStatus.allCases.filter { finding.status.canTransition(to: $0) && ($0 != .riskAccepted || canAccept) } : []
        let detections = try await FindingDetection.query(on: db).filter(\.$finding.$id == finding.requireID())
            .sort(\.$present, .descending).sort(\.$lastSeen, .descending).limit(50).all()
        return Self(finding: finding, summary: vulnerability?.summary, system: system.map { ($0.name, $0.securityLevel) },
                    nextStatuses: next, now: now, epss: try await EPSSRecord.find(finding.$vulnerability.id, on: db)?.dto(),
                    detections: detections)
    }
}
