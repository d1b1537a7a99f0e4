import Fluent
import Foundation

/// An evidence file attached to an incident (the file itself is an `EvidenceFile`, with its SHA-256).
final class IncidentEvidence: Model, @unchecked Sendable {
    static let schema = "incident_evidence"

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: Incident
    @Parent(key: "evidence_id") var evidence: EvidenceFile
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
