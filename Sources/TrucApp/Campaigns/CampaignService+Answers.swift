import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    /// Whether the campaign targets units of `kind`.
    static func targets(_ items: [ChecklistItem], _ kind: UnitKind) -> Bool {
        items.contains { $0.targets(kind) }
    }

    /// Acknowledges the campaign for a unit; idempotent (the first acknowledgement stays). Needs `.report` on the unit.
    static func acknowledge(_ campaign: Campaign, unit: OrgUnit, by principal: Principal, now: Date = Date(),
                            on db: any Database) async throws -> (ack: CampaignAcknowledgement, created: Bool) {
        let unitID = try unit.requireID()
        try require(.report, on: unitID, principal)
        let campaignID = try campaign.requireID()
        let all = try await items(of: campaignID, on: db)
        guard targets(all, unit.kind) else {
            throw BilingualError(.unprocessableEntity, "Đợt cao điểm này không áp dụng cho đơn vị loại \(unit.kind.vietnamese).",
                                "This campaign has no items for units of kind \(unit.kind.rawValue).")
        }
        return try await retrying(constraintRaces: true) {
            // After a lost race the other acknowledgement is found here and stands.
            if let existing = try await acknowledgement(campaignID, unitID, on: db) { return (existing, false) }
            let ack = try await db.transaction { db in
                let ack = CampaignAcknowledgement(campaignID: campaignID, unitID: unitID, personID: principal.personID, at: now)
                try await ack.create(on: db)
                try await Audit.record("campaign.acknowledge", entity: "campaign_acknowledgement", id: ack.id?.uuidString,
                                       unitID: unitID, after: ack.dto(personName: principal.fullName), by: principal, on: db)
                return ack
            }
            return (ack, true)
        }
    }

    static func acknowledgement(_ campaignID: UUID, _ unitID: UUID, on db: any Database) async throws -> CampaignAcknowledgement? {
        try await CampaignAcknowledgement.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$unit.$id == unitID).first()
    }

    /// Records a unit's answer to an item, replacing its current answer (the audit log keeps the history).
    /// Without a new file the previous evidence stays, unless `removeEvidence`. Reporting also acknowledges the campaign.
    static func report(_ campaign: Campaign, item: ChecklistItem, unit: OrgUnit, input: ReportInput, maxUploadBytes: Int,
                       by principal: Principal, now: Date = Date(), on db: any Database) async throws -> ItemReport {
        let unitID = try unit.requireID()
        try require(.report, on: unitID, principal)
        let campaignID = try campaign.requireID(), itemID = try item.requireID()
        guard item.$campaign.id == campaignID else {
            throw BilingualError.notFound("Không có mục kiểm tra này trong đợt.", "No such checklist item in this campaign.")
        }
        guard item.targets(unit.kind) else {
            throw BilingualError(.unprocessableEntity,
                                "Mục này không áp dụng cho đơn vị loại \(unit.kind.vietnamese).",
                                "This item does not target units of kind \(unit.kind.rawValue).")
        }
        let (status, note) = try validated { () throws(CampaignValidationError) in
            try CampaignValidation.answer(status: input.status, note: input.note)
        }
        let upload = try UploadedEvidence.check(input.evidence, maxBytes: maxUploadBytes)
        // A concurrent first answer or acknowledgement makes this attempt fail; the next one replaces/keeps theirs.
        return try await retrying(constraintRaces: true) {
            try await db.transaction { db in
                let existing = try await ItemReport.query(on: db).filter(\.$item.$id == itemID).filter(\.$unit.$id == unitID).first()
                var before: ReportDTO?
                if let existing { before = try await reportDTO(existing, on: db) }
                var evidenceID = input.removeEvidence ? nil : existing?.$evidence.id
                if let upload {
                    let file = EvidenceFile(unitID: unitID, filename: upload.filename, declaredType: upload.declaredType,
                                            content: upload.content, sha256: upload.sha256, uploaderID: principal.personID)
                    try await file.create(on: db)
                    evidenceID = file.id
                    try await Audit.record("evidence.upload", entity: "evidence_file", id: file.id?.uuidString, unitID: unitID,
                                           after: file.dto(), by: principal, on: db)
                }
                let report = existing ?? ItemReport(itemID: itemID, unitID: unitID, status: status, note: note, evidenceID: nil,
                                                    reporterID: principal.personID, reportedAt: now)
                report.status = status
                report.note = note
                report.$evidence.id = evidenceID
                report.$reporter.id = principal.personID
                report.reportedAt = now
                try await report.save(on: db)
                if try await acknowledgement(campaignID, unitID, on: db) == nil {
                    let ack = CampaignAcknowledgement(campaignID: campaignID, unitID: unitID, personID: principal.personID, at: now)
                    try await ack.create(on: db)
                    try await Audit.record("campaign.acknowledge", entity: "campaign_acknowledgement", id: ack.id?.uuidString,
                                           unitID: unitID, after: ack.dto(personName: principal.fullName), by: principal, on: db)
                }
                try await Audit.record("campaign.report", entity: "item_report", id: report.id?.uuidString, unitID: unitID,
                                       before: before, after: try await reportDTO(report, on: db), by: principal, on: db)
                return report
            }
        }
    }

    /// A report with its evidence metadata and reporter name.
    static func reportDTO(_ report: ItemReport, on db: any Database) async throws -> ReportDTO {
        let evidence = try await evidenceMeta(report.$evidence.id.map { [$0] } ?? [], on: db)
        let names = try await personNames([report.$reporter.id], on: db)
        return report.dto(evidence: report.$evidence.id.flatMap { evidence[$0] }, reporterName: names[report.$reporter.id])
    }

    /// Evidence metadata by id, without loading the files' content.
    static func evidenceMeta(_ ids: [UUID], on db: any Database) async throws -> [UUID: EvidenceDTO] {
        guard !ids.isEmpty else { return [:] }
        let files = try await EvidenceFile.query(on: db).filter(\.$id ~~ ids)
            .field(\.$id).field(\.$unit.$id).field(\.$filename).field(\.$declaredType).field(\.$size).field(\.$sha256).field(\.$createdAt)
            .all()
        return Dictionary(files.map { ($0.id!, $0.dto()) }, uniquingKeysWith: { a, _ in a })
    }

    static func personNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let people = try await Person.query(on: db).filter(\.$id ~~ Array(Set(ids))).field(\.$id).field(\.$fullName).all()
        return Dictionary(people.map { ($0.id!, $0.fullName) }, uniquingKeysWith: { a, _ in a })
    }

    /// One unit's items (those targeting its kind), answers and acknowledgement. Needs `.read` on the unit.
    static func unitView(_ campaign: Campaign, unit: OrgUnit, for principal: Principal, now: Date = Date(),
                         on db: any Database) async throws -> UnitCampaignDTO {
        let unitID = try unit.requireID()
        try require(.read, on: unitID, principal)
        let campaignID = try campaign.requireID()
        let mine = try await items(of: campaignID, on: db).filter { $0.targets(unit.kind) }
        guard !mine.isEmpty else {
            throw BilingualError.notFound("Đợt cao điểm này không áp dụng cho đơn vị đó.", "This campaign does not target that unit.")
        }
        let reports = try await ItemReport.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$item.$id ~~ mine.map { $0.id! }).all()
        let evidence = try await evidenceMeta(reports.compactMap { $0.$evidence.id }, on: db)
        let ack = try await acknowledgement(campaignID, unitID, on: db)
        let names = try await personNames(reports.map { $0.$reporter.id } + (ack.map { [$0.$person.id] } ?? []), on: db)
        let byItem = Dictionary(reports.map { ($0.$item.id, $0) }, uniquingKeysWith: { a, _ in a })
        let board = ComplianceBoard.build(items: mine.map { boardItem($0, campaign) },
                                          units: [ComplianceBoard.Unit(id: unitID, name: unit.name, kind: unit.kind, acknowledgedAt: ack?.at)],
                                          answers: reports.map(boardAnswer), now: now)
        let cells = board.rows.first?.cells ?? []
        let entries = mine.enumerated().map { index, item in
            let report = byItem[item.id!]
            return UnitCampaignDTO.Entry(
                item: item.dto(campaignEndsAt: campaign.endsAt),
                state: index < cells.count ? cells[index] : .pending,
                report: report.map { $0.dto(evidence: $0.$evidence.id.flatMap { evidence[$0] }, reporterName: names[$0.$reporter.id]) })
        }
        return UnitCampaignDTO(campaignID: campaignID, unit: unit.dto(),
                               acknowledgement: ack.map { $0.dto(personName: names[$0.$person.id]) },
                               canReport: principal.policy.allows(.report, on: unitID), items: entries)
    }

    /// Targeted units on which `principal` may report, by name (for the web page).
    static func reportableUnits(_ items: [ChecklistItem], for principal: Principal, on db: any Database) async throws -> [OrgUnit] {
        guard !principal.isCoordinator, let units = principal.policy.units(with: .report), !units.isEmpty else { return [] }
        let kinds = Set(items.flatMap(\.targetKinds))
        let found = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(units)).all()
        return sortUnits(found.filter { kinds.contains($0.kind) })
    }

    static func sortUnits(_ units: [OrgUnit]) -> [OrgUnit] {
        units.map { (SearchText.fold($0.name), $0) }.sorted { ($0.0, $0.1.code) < ($1.0, $1.1.code) }.map(\.1)
    }
}
