import Fluent
import Foundation
import Vapor

/// Writes the audit log: who changed what, when, with the state before and after.
/// Pass API representations (DTOs), never models, so secrets such as password hashes stay out.
enum Audit {
    static func record(
        _ action: String,
        entity: String,
        id: String?,
        unitID: UUID?,
        before: (any Encodable)? = nil,
        after: (any Encodable)? = nil,
        by principal: Principal?,
        on db: any Database,
        at date: Date = Date()
    ) async throws {
        try await entry(action, entity: entity, id: id, unitID: unitID, before: before, after: after, by: principal, at: date)
            .create(on: db)
    }

    /// The entry `record` writes, for callers that write many at once (multi-row inserts).
    static func entry(
        _ action: String,
        entity: String,
        id: String?,
        unitID: UUID?,
        before: (any Encodable)? = nil,
        after: (any Encodable)? = nil,
        by principal: Principal?,
        at date: Date = Date()
    ) -> AuditEntry {
        AuditEntry(
            at: date,
            actorID: principal?.personID,
            actorName: principal.map { "\($0.fullName) <\($0.email)>" } ?? "system",
            unitID: unitID,
            action: action,
            entityType: entity,
            entityID: id,
            before: before.flatMap(json),
            after: after.flatMap(json)
        )
    }

    static func json(_ value: any Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
