import Foundation
import OpenAPIKit
import TrucCore

extension APISchemas {
    static let incidentSummary = object("An incident in a list.", [
        "id": uuid,
        "reference": .string(description: "SC-YYYY-NNNN"),
        "title": .string,
        "unitID": uuid,
        "unitName": JSONSchema.string.optional,
        "status": ref("IncidentStatus"),
        "severity": ref("IncidentSeverity").optional,
        "category": ref("IncidentCategory").optional,
        "tlp": ref("TLP"),
        "detectedAt": dateTime,
        "reportedAt": dateTime,
        "supportRequested": .boolean,
        "reportDeadline": dateTime.described("Detection + 5 days: the initial report is due by then"),
        "reportedLate": .boolean,
        "assigneeID": uuid.optional,
    ])

    /// Incidents: the national report forms, the response team's workflow, observables, exports.
    static let incidents: [String: JSONSchema] = [
        "IncidentStatus": enumeration(IncidentStatus.self, "reported → triaged → in_progress → contained → resolved → closed; or rejected"),
        "IncidentSeverity": enumeration(IncidentSeverity.self, "Mức độ"),
        "IncidentCategory": enumeration(IncidentCategory.self, "Loại sự cố"),
        "ObservableKind": enumeration(ObservableKind.self, "Kind of observable"),
        "IncidentTaskStatus": enumeration(IncidentTask.Status.self, "Task status"),
        "KindAndDetails": object("A choice, with details for 'other' (and the notifier for external_notification).", [
            "kind": .string, "details": JSONSchema.string.optional,
        ]),
        "InitialIncidentReport": object("The initial incident report, Mẫu 03 of Circular 20/2017/TT-BTTTT.", [
            "reporterOrganization": .string, "reporterAddress": JSONSchema.string.optional, "reporterName": .string,
            "reporterPosition": JSONSchema.string.optional, "reporterPhone": .string, "reporterEmail": .string,
            "operatingUnit": .string, "owningAgency": .string, "systemName": .string,
            "domains": .array(items: .string), "ipAddresses": .array(items: .string),
            "securityLevel": JSONSchema.integer(maximum: (5, exclusive: false), minimum: (1, exclusive: false)).optional,
            "securityProvider": JSONSchema.string.optional, "connectivityProvider": JSONSchema.string.optional,
            "purpose": JSONSchema.string.optional, "operatingSystems": JSONSchema.string.optional, "services": JSONSchema.string.optional,
            "securityMeasures": JSONSchema.string.optional, "publicIPs": .array(items: .string),
            "summary": .string, "detectedAt": dateTime,
            "currentStatus": .string(allowedValues: IncidentCurrentStatus.allCases.map { AnyCodable($0.rawValue) }),
            "detectionMethod": ref("KindAndDetails"), "notifiedParties": .array(items: ref("KindAndDetails")),
            "keepConfidential": .boolean, "supportRequested": .boolean, "supportDetails": JSONSchema.string.optional,
            "reportedAt": dateTime,
        ]),
        "FinalIncidentReport": object("The final report (Mẫu 04): what happened, impact, actions, root cause, prevention.", [
            "whatHappened": .string, "impact": .string, "actionsTaken": .string, "rootCause": .string,
            "preventionMeasures": .string, "resolvedAt": dateTime, "recommendations": JSONSchema.string.optional,
        ]),
        "IncidentInput": object("A new incident: its title, the initial report and how it is shared.", [
            "title": .string(minLength: 1, maxLength: 300),
            "systemID": uuid.optional,
            "tlp": ref("TLP").optional,
            "namedPeople": JSONSchema.array(items: uuid).optional.described("For TLP:RED: who else may see it"),
            "report": ref("InitialIncidentReport"),
        ]),
        "IncidentSummary": incidentSummary,
        "Incident": object("An incident with its report, clock, timeline, tasks, observables and evidence.", [
            "incident": ref("IncidentSummary"),
            "report": ref("InitialIncidentReport").optional,
            "finalReport": ref("FinalIncidentReport").optional,
            "clock": .string(description: "The reporting clock, in Vietnamese"),
            "timeline": .array(items: object("A timeline line.", ["at": dateTime, "actorName": .string, "kind": .string, "text": .string])),
            "tasks": .array(items: ref("IncidentTask")),
            "observables": .array(items: object("An observable with the other incidents where it appears.", [
                "id": uuid, "kind": ref("ObservableKind"), "value": .string, "defanged": .string, "tlp": ref("TLP"),
                "otherIncidents": JSONSchema.array(items: .string).optional,
            ])),
            "evidence": .array(items: ref("IncidentEvidence")),
            "nationalSubject": .string(description: "E-mail subject for VNCERT/CC, starting with [TBSC]"),
            "namedPeople": .array(items: object("A person named on the incident.", ["id": uuid, "fullName": .string, "email": .string])),
            "mails": .array(items: ref("IncidentMail")),
            "allowedStatuses": .array(items: ref("IncidentStatus")),
        ]),
        "IncidentMail": object("An e-mail queued about the incident (support request to the response team, report to VNCERT/CC).", [
            "id": uuid,
            "purpose": JSONSchema.string(allowedValues: OutboxMail.Purpose.allCases.map { AnyCodable($0.rawValue) }),
            "recipient": .string,
            "subject": .string,
            "status": .string(allowedValues: DeliveryStatus.allCases.map { AnyCodable($0.rawValue) }),
            "attempts": .integer,
            "createdAt": dateTime,
            "sentAt": dateTime.optional,
            "lastError": JSONSchema.string.optional,
        ]),
        "NationalNoticeInput": object("What to send to VNCERT/CC.", [
            "kind": .string(allowedValues: NationalNoticeKind.allCases.map { AnyCodable($0.rawValue) }),
            "note": JSONSchema.string(maxLength: 20000).optional.described("The update's text (required for an update), or a covering line"),
        ]),
        "IncidentObservableTLPInput": object("An observable's own TLP.", ["tlp": ref("TLP")]),
        "IncidentSharingInput": object("The incident's TLP and the people named on it.", [
            "tlp": ref("TLP"),
            "namedPeople": JSONSchema.array(items: uuid).described("Who else may see a TLP:RED incident; replaces the list"),
        ]),
        "IncidentTriageInput": object("Triage.", ["severity": ref("IncidentSeverity"), "category": ref("IncidentCategory")]),
        "IncidentAssignInput": object("Assignment (absent: unassign).", ["personID": uuid.optional]),
        "IncidentStatusInput": object("A status change.", ["status": ref("IncidentStatus"), "note": JSONSchema.string.optional]),
        "IncidentUpdateInput": object("A situation update or comment.", [
            "kind": JSONSchema.string(allowedValues: ["update", "comment"]).optional, "text": .string(minLength: 1),
        ]),
        "IncidentTaskInput": object("A task.", [
            "title": .string(minLength: 1), "note": JSONSchema.string.optional, "assigneeID": uuid.optional, "dueAt": dateTime.optional,
        ]),
        "IncidentTask": object("A task.", [
            "id": uuid, "title": .string, "note": JSONSchema.string.optional, "assigneeID": uuid.optional, "dueAt": dateTime.optional,
            "status": ref("IncidentTaskStatus"),
        ]),
        "IncidentTaskStatusInput": object("A task's new status.", ["status": ref("IncidentTaskStatus")]),
        "IncidentObservableInput": object("Observables to add: text to extract from, or one kind and value.", [
            "text": JSONSchema.string.optional, "kind": ref("ObservableKind").optional, "value": JSONSchema.string.optional,
        ]),
        "IncidentEvidenceUpload": object("An evidence file (multipart/form-data).", [
            "file": JSONSchema.string(description: "Evidence file", contentMediaType: OpenAPI.ContentType(rawValue: "application/octet-stream")),
            "note": JSONSchema.string.optional,
        ]),
        "IncidentEvidence": object("An evidence file.", [
            "id": uuid, "filename": .string, "size": .integer, "sha256": .string, "uploadedAt": dateTime.optional,
        ]),
        "STIXBundle": .object(
            description: "A STIX 2.1 bundle (https://docs.oasis-open.org/cti/stix/v2.1/): indicators, vulnerabilities, the incident and their relationships, each with its TLP marking.",
            properties: [
                "type": .string(allowedValues: ["bundle"]),
                "id": .string(description: "bundle--UUID"),
                "objects": .array(items: .object(
                    description: "A STIX object: at least its type and id; the other properties are those STIX 2.1 defines for the type.",
                    properties: ["type": .string, "id": .string],
                    additionalProperties: .init(true))),
            ]),
        "MISPEvent": .object(
            description: "A MISP event (https://www.misp-project.org/datamodels/), wrapped as {\"Event\": {...}} as MISP imports it.",
            properties: [
                "Event": .object(
                    description: "The event: uuid, info, date, threat level, analysis, distribution, Orgc, Tag and Attribute lists.",
                    properties: ["uuid": .string, "info": .string, "Attribute": .array(items: .object(additionalProperties: .init(true)))],
                    additionalProperties: .init(true)),
            ]),
        "ObservableSightings": object("Where an observable appears.", [
            "kind": ref("ObservableKind"), "value": .string, "incidents": .array(items: ref("IncidentSummary")),
            "advisories": .array(items: .string),
        ]),
    ]
}
