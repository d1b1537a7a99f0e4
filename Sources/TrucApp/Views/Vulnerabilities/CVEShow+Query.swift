import Fluent
import Foundation
import TrucCore

extension CVEShow.Model {
    static func query(_ vulnerability: Vulnerability, id: String, principal: Principal, now: Date, on db: any Database) async throws -> Self {
        var filter = FindingService.Filter()
        filter.cveID = id
        let findings = try await FindingService.query(filter, for: principal, on: db).with(\.$asset).limit(500).all()
        let dto = vulnerability.dto(findings: [])
        var signatures: [String: CSAFOrigin.Signature] = [:]
        let trackingIDs = Array(Set(dto.csaf.map(\.trackingID)))
        if !trackingIDs.isEmpty {
            for document in try await CSAFDocumentRecord.query(on: db).filter(\.$trackingID ~~ trackingIDs)
                .field(\.$trackingID).field(\.$publisher).field(\.$signature).all() {
                signatures[documentKey(trackingID: document.trackingID, publisher: document.publisher)] = CSAFOrigin.Signature(rawValue: document.signature)
            }
        }
        return Self(id: id, vulnerability: dto, findings: findings, now: now, csafSignatures: signatures)
    }
}
