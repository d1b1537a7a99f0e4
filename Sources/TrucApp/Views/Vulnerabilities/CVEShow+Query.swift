import Fluent
import Foundation
import TrucCore

extension CVEShow.Model {
    static func query(_ vulnerability: Vulnerability, id: String, principal: Principal, now: Date, on db: any Database) async throws -> Self {
        var filter = FindingService.Filter()
        filter.cveID = id
        let findings = try await FindingService.query(filter, for: principal, on: db).with(\.$asset).limit(500).all()
        let epss = try await EPSSRecord.find(id, on: db)?.dto()
        return Self(id: id, vulnerability: vulnerability.dto(findings: [], epss: epss), findings: findings, now: now)
    }
}
