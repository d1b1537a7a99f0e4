import Fluent
import Foundation

/// One mutation: who did what to which entity, when, with the state before and after (JSON).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    /// The unit whose data changed; nil for province-wide changes (e.g. campaigns).
    @OptionalField(key: "unit_id") var unitID: UUID?
    /// e.g. "unit.create", "shift.delete", "campaign.report".
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @OptionalField(key: "entity_id") var entityID: String?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}

    init(at: Date, actorID: UUID?, actorName: String, unitID: UUID?, action: String,
         entityType: String, entityID: String?, before: String?, after: String?) {
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.unitID = unitID
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before
        self.after = after
    }
}
