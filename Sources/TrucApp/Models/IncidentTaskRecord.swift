import Fluent
import Foundation
import TrucCore

/// A task of an incident's response, with an owner and a due date.
final class IncidentTaskRecord: Model, @unchecked Sendable {
    static let schema = "incident_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: Incident
    @Field(key: "title") var title: String
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "assignee_id") var assignee: Person?
    @OptionalField(key: "due_at") var dueAt: Date?
    @Field(key: "status") var status: IncidentTask.Status
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
