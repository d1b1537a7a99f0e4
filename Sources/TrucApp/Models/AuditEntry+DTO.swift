import Foundation
import Vapor

struct AuditEntryDTO: Content, Equatable {
    var id: UUID
    var at: Date
    var actorID: UUID?
    var actorName: String
    var unitID: UUID?
    var action: String
    var entityType: String
    var entityID: String?
    var before: String?
    var after: String?
}

extension AuditEntry {
    func dto() -> AuditEntryDTO {
        AuditEntryDTO(id: id!, at: at, actorID: actorID, actorName: actorName, unitID: unitID, action: action,
                      entityType: entityType, entityID: entityID, before: before, after: after)
    }
}
