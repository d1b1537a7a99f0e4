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
    /// For TLP:RED: the people named on it (besides its reporter and assignee).
    var namedPeople: [IncidentPersonDTO]
    /// E-mails queued about it: support requests, reports to VNCERT/CC.
    var mails: [IncidentMailDTO]
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

/// Body of POST /incidents/{incidentID}/notify-national.
struct NationalNoticeInput: Content {
    var kind: NationalNoticeKind
    /// The update's text (required for an update), or a covering line.
    var note: String?
}

/// Body of PUT /incidents/{incidentID}/sharing.
struct IncidentSharingInput: Content {
    var tlp: TLP
    /// Who else may see a TLP:RED incident (person ids); replaces the list.
    var namedPeople: [UUID]
}

/// Body of PUT /incidents/{incidentID}/observables/{observableID}.
struct IncidentObservableTLPInput: Content {
    var tlp: TLP
}

/// A person named on an incident.
struct IncidentPersonDTO: Content, Equatable {
    var id: UUID
    var fullName: String
    var email: String
}

/// An e-mail queued about an incident (support request, report to VNCERT/CC) and whether it went.
struct IncidentMailDTO: Content, Equatable {
    var id: UUID
    var purpose: String
    var recipient: String
    var subject: String
    var status: DeliveryStatus
    var attempts: Int
    var createdAt: Date
    var sentAt: Date?
    var lastError: String?

    init(_ mail: OutboxMail) {
        id = mail.id!
        purpose = mail.purpose.rawValue
        recipient = mail.recipient
        subject = mail.subject
        status = mail.status
        attempts = mail.attempts
        createdAt = mail.createdAt
        sentAt = mail.sentAt
        lastError = mail.lastError
    }
}
