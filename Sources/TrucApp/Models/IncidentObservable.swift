import Fluent
import Foundation
import TrucCore

/// An observable (IP, domain, URL, e-mail, file hash, CVE) of an incident, normalised, with its own TLP.
final class IncidentObservable: Model, @unchecked Sendable {
    static let schema = "incident_observables"

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: Incident
    @Field(key: "kind") var kind: ObservableKind
    @Field(key: "value") var value: String
    @Field(key: "tlp") var tlp: TLP
    /// "extracted" from the report's text, or "manual".
    @Field(key: "source") var source: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var observable: Observable? { try? Observable(kind: kind, value: value) }
}
