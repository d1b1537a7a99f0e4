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

extension IncidentInput: LimitedInput {
    /// The report's own texts are checked by `InitialIncidentReport.validated(now:)`.
    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("title", title, TextLimit.title)
        check.entries("namedPeople", namedPeople?.count, IncidentService.maxNamedPeople)
    }
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
struct IncidentTriageInput: Content, LimitedInput {
    var severity: IncidentSeverity
    var category: IncidentCategory
    func checkLimits(_ check: inout TextLimitCheck) {}
}

/// Body of POST /incidents/{incidentID}/status.
struct IncidentStatusInput: Content, LimitedInput {
    var status: IncidentStatus
    var note: String?
    func checkLimits(_ check: inout TextLimitCheck) { check.text("note", note, TextLimit.note) }
}

/// Body of POST /incidents/{incidentID}/assign.
struct IncidentAssignInput: Content, LimitedInput {
    var personID: UUID?
    func checkLimits(_ check: inout TextLimitCheck) {}
}

/// Body of POST /incidents/{incidentID}/updates.
struct IncidentUpdateInput: Content, LimitedInput {
    /// "update" (situation update) or "comment".
    var kind: String?
    var text: String

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("kind", kind, TextLimit.code)
        check.text("text", text, TextLimit.text)
    }
}

/// Body of POST /incidents/{incidentID}/tasks.
struct IncidentTaskInput: Content, LimitedInput {
    var title: String
    var note: String?
    var assigneeID: UUID?
    var dueAt: Date?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("title", title, IncidentTask.titleLimit)
        check.text("note", note, IncidentTask.noteLimit)
    }
}

/// Body of POST /incident-tasks/{taskID}/status.
struct IncidentTaskStatusInput: Content, LimitedInput {
    var status: IncidentTask.Status
    func checkLimits(_ check: inout TextLimitCheck) {}
}

/// Body of POST /incidents/{incidentID}/observables: text to extract from, or one observable.
struct IncidentObservableInput: Content, LimitedInput {
    var text: String?
    var kind: ObservableKind?
    var value: String?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("text", text, TextLimit.text)
        check.text("value", value, TextLimit.url)
    }
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

extension FinalIncidentReport: LimitedInput {
    func checkLimits(_ check: inout TextLimitCheck) {
        for (field, value) in [("whatHappened", whatHappened), ("impact", impact), ("actionsTaken", actionsTaken),
                               ("rootCause", rootCause), ("preventionMeasures", preventionMeasures),
                               ("recommendations", recommendations)] {
            check.text(field, value, Self.textLimit)
        }
    }
}

/// Body of POST /incidents/{incidentID}/notify-national.
struct NationalNoticeInput: Content, LimitedInput {
    var kind: NationalNoticeKind
    /// The update's text (required for an update), or a covering line.
    var note: String?
    func checkLimits(_ check: inout TextLimitCheck) { check.text("note", note, TextLimit.text) }
}

/// Body of PUT /incidents/{incidentID}/sharing.
struct IncidentSharingInput: Content, LimitedInput {
    var tlp: TLP
    /// Who else may see a TLP:RED incident (person ids); replaces the list.
    var namedPeople: [UUID]
    func checkLimits(_ check: inout TextLimitCheck) { check.entries("namedPeople", namedPeople.count, IncidentService.maxNamedPeople) }
}

/// Body of PUT /incidents/{incidentID}/observables/{observableID}.
struct IncidentObservableTLPInput: Content, LimitedInput {
    var tlp: TLP
    func checkLimits(_ check: inout TextLimitCheck) {}
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
