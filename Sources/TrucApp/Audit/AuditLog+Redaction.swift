import Fluent
import Foundation

extension AuditLog {
    /// What a reader sees in place of the before/after states of an entry about an incident they may not read.
    static let redacted = #"{"redacted":"TLP:RED"}"#
    /// Entity types whose id is an incident's.
    static let incidentEntities: Set<String> = ["incident"]

    /// The entries as the reader may see them: an entry about an incident the reader may not read (TLP:RED and not
    /// named on it) keeps its action, time and actor, but its states, which carry the title, are redacted.
    static func dtos(_ entries: [AuditEntry], for principal: Principal, on db: any Database) async throws -> [AuditEntryDTO] {
        let ids = Set(entries.compactMap { entry in
            incidentEntities.contains(entry.entityType) ? entry.entityID.flatMap(UUID.init(uuidString:)) : nil
        })
        let hidden = try await IncidentAccess.unreadable(ids, for: principal, on: db)
        return entries.map { entry in
            var dto = entry.dto()
            if incidentEntities.contains(entry.entityType), let id = entry.entityID.flatMap(UUID.init(uuidString:)), hidden.contains(id) {
                dto.before = dto.before == nil ? nil : redacted
                dto.after = dto.after == nil ? nil : redacted
            }
            return dto
        }
    }
}
