import Fluent
import Foundation
import TrucCore
import Vapor

extension AuditList.Model {
    /// The requested page of the log (filters from the request's query), incident entries redacted for those who
    /// may not read the incident.
    static func query(_ req: Request, paging: Paging, for principal: Principal) async throws -> Self {
        let page = try await AuditLog.query(req).page(paging)
        let entries = try await AuditLog.dtos(page.items, for: principal, on: req.db)
        return Self(entries: entries, metadata: page.metadata, action: req.query[String.self, at: "action"] ?? "")
    }
}
