import Foundation
import TrucCore
import Vapor

/// Body of POST /api/v1/campaigns: either a full campaign, or `{"template": "le-30-4", "year": 2026}`
/// (optionally with `title`). Every field is optional here so that CampaignService can name every problem at once.
struct CampaignInput: Content {
    var template: String?
    var year: Int?
    var title: String?
    var startsAt: Date?
    var endsAt: Date?
    /// IANA identifier; Asia/Ho_Chi_Minh when absent.
    var timeZone: String?
    var directive: String?
    var documents: [DocumentInput]?
    var items: [ChecklistItemInput]?
}

extension CampaignInput: LimitedInput {
    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("template", template, TextLimit.code)
        Self.checkLimits(&check, title: title, timeZone: timeZone, directive: directive, documents: documents)
        check.each("items", items, maxEntries: CampaignService.maxItems) { check, field, item in
            item.checkLimits(&check, prefix: field + ".")
        }
    }

    /// The limits shared by a new campaign and a change to one.
    static func checkLimits(_ check: inout TextLimitCheck, title: String?, timeZone: String?, directive: String?,
                            documents: [DocumentInput]?) {
        check.text("title", title, CampaignService.maxTitle)
        check.text("timeZone", timeZone, TextLimit.code)
        check.text("directive", directive, CampaignService.maxDirective)
        check.each("documents", documents, maxEntries: CampaignService.maxDocuments) { check, field, document in
            check.text(field + ".number", document.number, CampaignService.maxDocumentNumber)
            check.text(field + ".date", document.date, TextLimit.code)
            check.text(field + ".issuer", document.issuer, CampaignService.maxDocumentIssuer)
            check.text(field + ".title", document.title, CampaignService.maxDocumentTitle)
        }
    }
}

/// A referenced document as sent by clients: number "1520/BTTTT-CATTT", date "2023-04-26", issuer, optional title.
struct DocumentInput: Content {
    var number: String?
    var date: String?
    var issuer: String?
    var title: String?
}

/// A new checklist item: title, detail, target unit kinds (raw values), optional deadline and position.
struct ChecklistItemInput: Content {
    var title: String?
    var detail: String?
    var targetKinds: [String]?
    var dueAt: Date?
    var position: Int?
}

extension ChecklistItemInput: LimitedInput {
    func checkLimits(_ check: inout TextLimitCheck) { checkLimits(&check, prefix: "") }

    func checkLimits(_ check: inout TextLimitCheck, prefix: String) {
        Self.checkLimits(&check, prefix: prefix, title: title, detail: detail, targetKinds: targetKinds)
    }

    /// The limits of a checklist item's texts (its title, detail and target kinds).
    static func checkLimits(_ check: inout TextLimitCheck, prefix: String = "", title: String?, detail: String?, targetKinds: [String]?) {
        check.text(prefix + "title", title, CampaignService.maxTitle)
        check.text(prefix + "detail", detail, CampaignService.maxDetail)
        check.texts(prefix + "targetKinds", targetKinds, TextLimit.code, maxEntries: UnitKind.allCases.count)
    }
}

/// Body of PATCH /api/v1/campaigns/{campaignID}: only the fields given change; `documents` replaces the whole list.
struct CampaignPatch: Content, LimitedInput {
    var title: String?
    var startsAt: Date?
    var endsAt: Date?
    var timeZone: String?
    var directive: String?
    var documents: [DocumentInput]?

    func checkLimits(_ check: inout TextLimitCheck) {
        CampaignInput.checkLimits(&check, title: title, timeZone: timeZone, directive: directive, documents: documents)
    }
}

/// Body of PATCH /api/v1/campaigns/{campaignID}/items/{itemID}. `"dueAt": null` removes the deadline.
struct ChecklistItemPatch: Content, LimitedInput {
    var title: String?
    var detail: String?
    var targetKinds: [String]?
    var position: Int?
    /// Whether `dueAt` was present in the body (so null can clear it).
    var dueAtGiven = false
    var dueAt: Date?

    enum CodingKeys: String, CodingKey {
        case title, detail, targetKinds, position, dueAt
    }

    func checkLimits(_ check: inout TextLimitCheck) {
        ChecklistItemInput.checkLimits(&check, title: title, detail: detail, targetKinds: targetKinds)
    }

    init(title: String? = nil, detail: String? = nil, targetKinds: [String]? = nil, position: Int? = nil,
         dueAtGiven: Bool = false, dueAt: Date? = nil) {
        self.title = title
        self.detail = detail
        self.targetKinds = targetKinds
        self.position = position
        self.dueAtGiven = dueAtGiven
        self.dueAt = dueAt
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        targetKinds = try c.decodeIfPresent([String].self, forKey: .targetKinds)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        dueAtGiven = c.contains(.dueAt)
        dueAt = try c.decodeIfPresent(Date.self, forKey: .dueAt)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encodeIfPresent(targetKinds, forKey: .targetKinds)
        try c.encodeIfPresent(position, forKey: .position)
        if dueAtGiven { try c.encode(dueAt, forKey: .dueAt) }
    }
}

/// An answer to a checklist item, as JSON (`{"status": "done", "note": "..."}`, evidence optionally as
/// `{"filename": "...", "data": "<base64>"}`) or multipart/form-data (fields status, note, evidence file, removeEvidence).
struct ReportInput: Content, LimitedInput {
    var status: String?
    var note: String?
    var evidence: File?
    /// Drop the evidence of the previous answer when no new file is sent.
    var removeEvidence: Bool

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("status", status, TextLimit.code)
        check.text("note", note, CampaignService.maxNote)
        check.text("evidence.filename", evidence?.filename, TextLimit.line)
    }

    enum CodingKeys: String, CodingKey {
        case status, note, evidence, removeEvidence
    }

    init(status: String?, note: String? = nil, evidence: File? = nil, removeEvidence: Bool = false) {
        self.status = status
        self.note = note
        self.evidence = evidence
        self.removeEvidence = removeEvidence
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        evidence = try c.decodeIfPresent(File.self, forKey: .evidence)
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .removeEvidence) {
            removeEvidence = flag
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .removeEvidence) {
            removeEvidence = ["1", "true", "on", "yes"].contains(text.lowercased())
        } else {
            removeEvidence = false
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(evidence, forKey: .evidence)
        try c.encode(removeEvidence, forKey: .removeEvidence)
    }
}
