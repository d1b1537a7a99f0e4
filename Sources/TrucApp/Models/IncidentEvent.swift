import Fluent
import Foundation

/// One line of an incident's timeline: every change, comment and situation update, in order.
final class IncidentEvent: Model, @unchecked Sendable {
    static let schema = "incident_events"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case reported, status, triage, assignment, comment, update, task, evidence, observable, finalReport = "final_report", access,
             notification
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: Incident
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "text") var text: String

    init() {}

    init(incidentID: UUID, at: Date, actorID: UUID?, actorName: String, kind: Kind, text: String) {
        self.$incident.id = incidentID
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.kind = kind
        self.text = text
    }
}
