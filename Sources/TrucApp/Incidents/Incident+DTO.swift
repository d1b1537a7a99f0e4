import Fluent
import Foundation
import TrucCore
import Vapor

/// Body of POST /units/{unitID}/incidents: the initial report (Mẫu 03) and how the incident is shared.
struct IncidentInput: Content {
    var title: String
    var systemID: UUID?
    var tlp: TLP?
    /// For TLP:RED: who else may see it (person ids).
    var namedPeople: [UUID]?
    var report: InitialIncidentReport
}

/// An incident in a list.
struct IncidentSummaryDTO: Content, Equatable {
    var id: UUID
    var reference: String
    var title: String
    var unitID: UUID
    var unitName: String?
    var status: IncidentStatus
    var severity: IncidentSeverity?
    var category: IncidentCategory?
    var tlp: TLP
    var detectedAt: Date
    var reportedAt: Date
    var supportRequested: Bool
    var reportDeadline: Date
    var reportedLate: Bool
    var assigneeID: UUID?
}

/// One incident with everything about it.
struct IncidentDTO: Content, Equatable {
    var incident: IncidentSummaryDTO
    var report: InitialIncidentReport?
    var finalReport: FinalIncidentReport?
    var clock: String
    var timeline: [IncidentEventDTO]
    var tasks: [IncidentTaskDTO]
    var observables: [IncidentObservableDTO]
    var evidence: [IncidentEvidenceDTO]
    /// The e-mail subject for notifying the national coordinator (VNCERT/CC), by the "[TBSC]" convention.
    var nationalSubject: String
    var allowedStatuses: [IncidentStatus]
}

struct IncidentEventDTO: Content, Equatable {
    var at: Date
    var actorName: String
    var kind: String
    var text: String
}

struct IncidentTaskDTO: Content, Equatable {
    var id: UUID
    var title: String
    var note: String?
    var assigneeID: UUID?
    var dueAt: Date?
    var status: IncidentTask.Status
}

struct IncidentObservableDTO: Content, Equatable {
    var id: UUID
    var kind: ObservableKind
    var value: String
    var defanged: String
    var tlp: TLP
    /// Other incidents (visible to the caller) with the same observable.
    var otherIncidents: [String]?
}

struct IncidentEvidenceDTO: Content, Equatable {
    var id: UUID
    var filename: String
    var size: Int
    var sha256: String
    var uploadedAt: Date?
}

/// Body of POST /incidents/{incidentID}/triage.
struct IncidentTriageInput: Content {
    var severity: IncidentSeverity
    var category: IncidentCategory
}

/// Body of POST /incidents/{incidentID}/status.
struct IncidentStatusInput: Content {
    var status: IncidentStatus
    var note: String?
}

/// Body of POST /incidents/{incidentID}/assign.
struct IncidentAssignInput: Content {
    var personID: UUID?
}

/// Body of POST /incidents/{incidentID}/updates.
struct IncidentUpdateInput: Content {
    /// "update" (situation update) or "comment".
    var kind: String?
    var text: String
}

/// Body of POST /incidents/{incidentID}/tasks.
struct IncidentTaskInput: Content {
    var title: String
    var note: String?
    var assigneeID: UUID?
    var dueAt: Date?
}

/// Body of POST /incident-tasks/{taskID}/status.
struct IncidentTaskStatusInput: Content {
    var status: IncidentTask.Status
}

/// Body of POST /incidents/{incidentID}/observables: text to extract from, or one observable.
struct IncidentObservableInput: Content {
    var text: String?
    var kind: ObservableKind?
    var value: String?
}

/// Where an observable appears across the province.
struct ObservableSightingsDTO: Content, Equatable {
    var kind: ObservableKind
    var value: String
    var incidents: [IncidentSummaryDTO]
    var advisories: [String]
}

extension InitialIncidentReport: Content {}
extension FinalIncidentReport: Content {}
