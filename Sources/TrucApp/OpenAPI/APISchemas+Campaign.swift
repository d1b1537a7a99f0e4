import Foundation
import OpenAPIKit
import TrucCore

extension APISchemas {
    /// Campaigns (đợt cao điểm), checklist items, acknowledgements, unit reports, evidence, the compliance board.
    static let campaign: [String: JSONSchema] = [
        // Enumerations
        "ComplianceCell": .string(
            description: "State of a unit x item cell: not targeted, pending (before the deadline), overdue, or the unit's answer",
            allowedValues: complianceCells.map { AnyCodable($0.rawValue) }),
        "CampaignState": enumeration(["upcoming", "active", "ended"], "Where the campaign stands at the time of the request"),

        // Campaigns
        "ReferencedDocument": object("An official document the campaign cites, e.g. 1520/BTTTT-CATTT of 26/4/2023.", [
            "number": .string(description: "Số hiệu, e.g. 1520/BTTTT-CATTT"),
            "date": .string(format: .date, description: "Ngày ban hành (yyyy-MM-dd)"),
            "issuer": .string(description: "Cơ quan ban hành"),
            "title": .string.optional.described("Trích yếu"),
        ]),
        "DocumentInput": object("A referenced document to cite.", [
            "number": .string(description: "Số hiệu, e.g. 1520/BTTTT-CATTT", minLength: 3, maxLength: 100),
            "date": .string(format: .date, description: "Ngày ban hành (yyyy-MM-dd)"),
            "issuer": .string(description: "Cơ quan ban hành", minLength: 1, maxLength: 300),
            "title": .string(maxLength: 1000).optional.described("Trích yếu"),
        ]),
        "CampaignSummary": object("A campaign in a list (no directive, no items).", [
            "id": uuid,
            "title": .string,
            "startsAt": dateTime,
            "endsAt": dateTime,
            "timeZone": .string(description: "IANA time zone, e.g. Asia/Ho_Chi_Minh"),
            "state": ref("CampaignState"),
        ]),
        "Campaign": object("A campaign with the checklist items the caller may see.", [
            "id": uuid,
            "title": .string,
            "startsAt": dateTime,
            "endsAt": dateTime,
            "timeZone": .string(description: "IANA time zone, e.g. Asia/Ho_Chi_Minh"),
            "directive": .string(description: "The directive's text (chỉ đạo)"),
            "documents": .array(items: ref("ReferencedDocument")),
            "items": .array(items: ref("ChecklistItem")),
            "createdBy": uuid.optional,
            "createdAt": dateTime.optional,
            "updatedAt": dateTime.optional,
        ]),
        "CampaignInput": .one(of: [ref("CampaignFromTemplate"), ref("NewCampaign")], core: .init(
            description: "A new campaign: from a template ({\"template\": \"le-30-4\", \"year\": 2026}) or in full.")),
        "CampaignFromTemplate": object("A campaign made from a template; only year and title may be given with it.", [
            "template": .string(description: "Key of a campaign template (see GET /api/v1/campaign-templates)"),
            "year": .integer(maximum: (2100, exclusive: false), minimum: (2000, exclusive: false)).optional
                .described("Year of the campaign (default: this year)"),
            "title": .string(minLength: 1, maxLength: 300).optional.described("Instead of the template's title"),
        ]),
        "NewCampaign": object("A campaign in full.", [
            "title": .string(minLength: 1, maxLength: 300),
            "startsAt": dateTime,
            "endsAt": dateTime.described("After startsAt; at most 366 days later"),
            "timeZone": .string.optional.described("IANA time zone (default Asia/Ho_Chi_Minh)"),
            "directive": .string(maxLength: 100_000).optional.described("The directive's text (chỉ đạo)"),
            "documents": JSONSchema.array(maxItems: 50, items: ref("DocumentInput")).optional,
            "items": JSONSchema.array(maxItems: 100, items: ref("ChecklistItemInput")).optional,
        ]),
        "CampaignPatch": object("Changes to a campaign; only the fields given change; documents replaces the whole list.", [
            "title": .string(minLength: 1, maxLength: 300).optional,
            "startsAt": dateTime.optional,
            "endsAt": dateTime.optional,
            "timeZone": .string.optional,
            "directive": .string(maxLength: 100_000).optional,
            "documents": JSONSchema.array(maxItems: 50, items: ref("DocumentInput")).optional,
        ]),

        // Checklist items
        "ChecklistItem": object("A required action of the campaign. effectiveDueAt is dueAt, or the end of the campaign.", [
            "id": uuid,
            "campaignID": uuid,
            "position": .integer,
            "title": .string,
            "detail": .string,
            "targetKinds": .array(items: ref("UnitKind")),
            "dueAt": dateTime.optional,
            "effectiveDueAt": dateTime,
        ]),
        "ChecklistItemInput": object("A new checklist item.", [
            "title": .string(minLength: 1, maxLength: 300),
            "detail": .string(maxLength: 10_000).optional,
            "targetKinds": .array(description: "Kinds of unit the item applies to", minItems: 1, items: ref("UnitKind")),
            "dueAt": dateTime.optional.described("Deadline; the end of the campaign when absent"),
            "position": .integer(minimum: (1, exclusive: false)).optional.described("Where to insert it (default: at the end)"),
        ]),
        "ChecklistItemPatch": object("Changes to a checklist item; \"dueAt\": null removes the deadline.", [
            "title": .string(minLength: 1, maxLength: 300).optional,
            "detail": .string(maxLength: 10_000).optional,
            "targetKinds": JSONSchema.array(minItems: 1, items: ref("UnitKind")).optional,
            "position": .integer(minimum: (1, exclusive: false)).optional,
            "dueAt": dateTime.optional,
        ]),

        // Units answering
        "Acknowledgement": object("A unit's acknowledgement (tiếp nhận) of a campaign.", [
            "campaignID": uuid,
            "unitID": uuid,
            "personID": uuid,
            "personName": .string.optional,
            "at": dateTime,
        ]),
        "Evidence": object("Metadata of an uploaded evidence file (never its content).", [
            "id": uuid,
            "unitID": uuid,
            "filename": .string,
            "declaredType": .string(description: "The type the uploader declared; downloads take their type from the content (EvidencePolicy), never from this"),
            "size": .integer(description: "Bytes", minimum: (0, exclusive: false)),
            "sha256": .string(description: "Lower-case hex SHA-256 of the content"),
            "uploadedAt": dateTime.optional,
            "downloadURL": .string(format: .uriReference),
        ]),
        "Report": object("A unit's current answer to a checklist item.", [
            "id": uuid,
            "itemID": uuid,
            "unitID": uuid,
            "status": ref("ItemStatus"),
            "note": .string,
            "evidence": ref("Evidence").optional,
            "reportedBy": uuid,
            "reporterName": .string.optional,
            "reportedAt": dateTime,
        ]),
        "ReportInput": object("An answer to a checklist item (multipart/form-data): a note is required for status problem.", [
            "status": ref("ItemStatus"),
            "note": .string(maxLength: 4000).optional.described("Required when the status is problem"),
            "evidence": JSONSchema.string(description: "Evidence file", contentMediaType: OpenAPI.ContentType(rawValue: "application/octet-stream")).optional,
            "removeEvidence": .boolean.optional.described("true: drop the previous answer's evidence when no new file is sent"),
        ]),
        "UnitCampaign": object("One unit's view of a campaign: the items targeting its kind, its answers, its acknowledgement.", [
            "campaignID": uuid,
            "unit": ref("Unit"),
            "acknowledgement": ref("Acknowledgement").optional,
            "canReport": .boolean(description: "Whether the caller may acknowledge and answer for the unit"),
            "items": .array(items: ref("UnitCampaignEntry")),
        ]),
        "UnitCampaignEntry": object("An item with the unit's state and answer.", [
            "item": ref("ChecklistItem"),
            "state": ref("ComplianceCell"),
            "report": ref("Report").optional,
        ]),

        // Board and summary
        "BoardUnit": object("A unit as the board shows it.", [
            "id": uuid,
            "code": .string,
            "name": .string,
            "kind": ref("UnitKind"),
        ]),
        "Overdue": object("An item not answered after its deadline.", [
            "unit": ref("BoardUnit"),
            "itemID": uuid,
            "itemTitle": .string,
            "dueAt": dateTime,
        ]),
        "Compliance": object("The live compliance board: targeted units (rows) x checklist items (columns).", [
            "campaignID": uuid,
            "title": .string,
            "generatedAt": dateTime,
            "items": .array(items: ref("ChecklistItem")),
            "rows": .array(items: ref("ComplianceRow")),
            "unacknowledged": .array(items: ref("BoardUnit")),
            "overdue": .array(items: ref("Overdue")),
            "targetedCells": .integer,
            "answeredCells": .integer,
            "overdueCells": .integer,
            "completionPercent": .integer(maximum: (100, exclusive: false), minimum: (0, exclusive: false)),
        ]),
        "ComplianceRow": object("A unit's row of the board; cells are in the order of the board's items.", [
            "unit": ref("BoardUnit"),
            "acknowledgedAt": dateTime.optional,
            "cells": .array(items: ref("ComplianceCell")),
            "answered": .integer,
            "targeted": .integer,
            "overdue": .integer,
            "problems": .integer,
        ]),
        "StatusCounts": object("Counts of cells by state.", [
            "pending": .integer,
            "overdue": .integer,
            "done": .integer,
            "notApplicable": .integer,
            "problem": .integer,
        ]),
        "CampaignSummaryReport": object("The end-of-campaign report.", [
            "campaign": ref("Campaign"),
            "generatedAt": dateTime,
            "targetedUnits": .integer,
            "acknowledgedUnits": .integer,
            "completionPercent": .integer(maximum: (100, exclusive: false), minimum: (0, exclusive: false)),
            "byStatus": ref("StatusCounts"),
            "items": .array(items: ref("ItemSummary")),
            "unacknowledged": .array(items: ref("BoardUnit")),
            "problems": .array(items: ref("ReportedProblem")),
            "overdue": .array(items: ref("Overdue")),
        ]),
        "ItemSummary": object("How the units answered one item.", [
            "item": ref("ChecklistItem"),
            "targetedUnits": .integer,
            "counts": ref("StatusCounts"),
        ]),
        "ReportedProblem": object("An answer with status problem.", [
            "unit": ref("BoardUnit"),
            "itemID": uuid,
            "itemTitle": .string,
            "note": .string,
            "reportedAt": dateTime,
            "reporterName": .string.optional,
            "evidence": ref("Evidence").optional,
        ]),

        // Templates
        "CampaignTemplate": object("A ready-made campaign, previewed for a year.", [
            "key": .string(description: "Pass as `template` to POST /api/v1/campaigns"),
            "year": .integer,
            "title": .string,
            "startsAt": dateTime,
            "endsAt": dateTime,
            "timeZone": .string,
            "directive": .string,
            "documents": .array(items: ref("ReferencedDocument")),
            "items": .array(items: ref("CampaignTemplateItem")),
        ]),
        "CampaignTemplateItem": object("A checklist item of a template.", [
            "title": .string,
            "detail": .string,
            "targetKinds": .array(items: ref("UnitKind")),
            "dueAt": dateTime,
        ]),
    ]

    /// Every state of a board cell. The switch stops the build when TrucCore adds one, so the list stays complete.
    static let complianceCells: [ComplianceBoard.Cell] = {
        func covered(_ cell: ComplianceBoard.Cell) {
            switch cell {
            case .notTargeted, .pending, .overdue, .done, .notApplicable, .problem: break
            }
        }
        return [.notTargeted, .pending, .overdue, .done, .notApplicable, .problem]
    }()
}
