import Foundation
import TrucCore
import Vapor

/// A campaign as the API shows it, with the checklist items the caller may see.
struct CampaignDTO: Content, Equatable {
    var id: UUID
    var title: String
    var startsAt: Date
    var endsAt: Date
    var timeZone: String
    var directive: String
    var documents: [ReferencedDocument]
    var items: [ChecklistItemDTO]
    var createdBy: UUID?
    var createdAt: Date?
    var updatedAt: Date?
}

/// A campaign in a list (no directive text, no items).
struct CampaignSummaryDTO: Content, Equatable {
    var id: UUID
    var title: String
    var startsAt: Date
    var endsAt: Date
    var timeZone: String
    /// upcoming, active or ended, at the time of the request.
    var state: String
}

/// A checklist item. `effectiveDueAt` is the deadline the board uses: `dueAt`, or the end of the campaign.
struct ChecklistItemDTO: Content, Equatable {
    var id: UUID
    var campaignID: UUID
    var position: Int
    var title: String
    var detail: String
    var targetKinds: [UnitKind]
    var dueAt: Date?
    var effectiveDueAt: Date
}

/// A unit's acknowledgement (tiếp nhận) of a campaign.
struct AcknowledgementDTO: Content, Equatable {
    var campaignID: UUID
    var unitID: UUID
    var personID: UUID
    var personName: String?
    var at: Date
}

/// Metadata of an uploaded evidence file (never its content).
struct EvidenceDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var filename: String
    var declaredType: String
    var size: Int
    var sha256: String
    var uploadedAt: Date?
    var downloadURL: String
}

/// A unit's current answer to one checklist item.
struct ReportDTO: Content, Equatable {
    var id: UUID
    var itemID: UUID
    var unitID: UUID
    var status: ItemStatus
    var note: String
    var evidence: EvidenceDTO?
    var reportedBy: UUID
    var reporterName: String?
    var reportedAt: Date
}

/// One unit's view of a campaign: its items (only those targeting its kind), its answers, its acknowledgement.
struct UnitCampaignDTO: Content {
    struct Entry: Content {
        var item: ChecklistItemDTO
        /// pending, overdue, done, not_applicable or problem.
        var state: ComplianceBoard.Cell
        var report: ReportDTO?
    }

    var campaignID: UUID
    var unit: UnitDTO
    var acknowledgement: AcknowledgementDTO?
    var canReport: Bool
    var items: [Entry]
}

/// A unit as the board shows it.
struct BoardUnitDTO: Content, Equatable {
    var id: UUID
    var code: String
    var name: String
    var kind: UnitKind
}

/// An item not answered after its deadline.
struct OverdueDTO: Content, Equatable {
    var unit: BoardUnitDTO
    var itemID: UUID
    var itemTitle: String
    var dueAt: Date
}

/// The live compliance board: targeted units (rows) x checklist items (columns).
struct ComplianceDTO: Content {
    struct Row: Content {
        var unit: BoardUnitDTO
        var acknowledgedAt: Date?
        /// One per item, in the order of `items`: not_targeted, pending, overdue, done, not_applicable, problem.
        var cells: [ComplianceBoard.Cell]
        var answered: Int
        var targeted: Int
        var overdue: Int
        var problems: Int
    }

    var campaignID: UUID
    var title: String
    var generatedAt: Date
    var items: [ChecklistItemDTO]
    var rows: [Row]
    var unacknowledged: [BoardUnitDTO]
    var overdue: [OverdueDTO]
    var targetedCells: Int
    var answeredCells: Int
    var overdueCells: Int
    var completionPercent: Int
}

/// Counts of cells by state.
struct StatusCountsDTO: Content, Equatable {
    var pending = 0
    var overdue = 0
    var done = 0
    var notApplicable = 0
    var problem = 0

    mutating func add(_ cell: ComplianceBoard.Cell) {
        switch cell {
        case .pending: pending += 1
        case .overdue: overdue += 1
        case .done: done += 1
        case .notApplicable: notApplicable += 1
        case .problem: problem += 1
        case .notTargeted: break
        }
    }
}

/// The end-of-campaign report.
struct CampaignSummaryReportDTO: Content {
    struct ItemSummary: Content {
        var item: ChecklistItemDTO
        var targetedUnits: Int
        var counts: StatusCountsDTO
    }

    struct Problem: Content {
        var unit: BoardUnitDTO
        var itemID: UUID
        var itemTitle: String
        var note: String
        var reportedAt: Date
        var reporterName: String?
        var evidence: EvidenceDTO?
    }

    var campaign: CampaignDTO
    var generatedAt: Date
    var targetedUnits: Int
    var acknowledgedUnits: Int
    var completionPercent: Int
    var byStatus: StatusCountsDTO
    var items: [ItemSummary]
    var unacknowledged: [BoardUnitDTO]
    var problems: [Problem]
    var overdue: [OverdueDTO]
}

/// A ready-made campaign, previewed for a year.
struct CampaignTemplateDTO: Content {
    struct Item: Content {
        var title: String
        var detail: String
        var targetKinds: [UnitKind]
        var dueAt: Date
    }

    var key: String
    var year: Int
    var title: String
    var startsAt: Date
    var endsAt: Date
    var timeZone: String
    var directive: String
    var documents: [ReferencedDocument]
    var items: [Item]
}

extension Campaign {
    func dto(items: [ChecklistItem]) -> CampaignDTO {
        CampaignDTO(id: id!, title: title, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone, directive: directive,
                    documents: documents, items: items.map { $0.dto(campaignEndsAt: endsAt) }, createdBy: createdBy,
                    createdAt: createdAt, updatedAt: updatedAt)
    }

    func summaryDTO(now: Date) -> CampaignSummaryDTO {
        CampaignSummaryDTO(id: id!, title: title, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone,
                           state: now < startsAt ? "upcoming" : (now < endsAt ? "active" : "ended"))
    }
}

extension ChecklistItem {
    func dto(campaignEndsAt: Date) -> ChecklistItemDTO {
        ChecklistItemDTO(id: id!, campaignID: $campaign.id, position: position, title: title, detail: detail,
                         targetKinds: targetKinds, dueAt: dueAt, effectiveDueAt: dueAt ?? campaignEndsAt)
    }

    func targets(_ kind: UnitKind) -> Bool { targetKinds.contains(kind) }
}

extension CampaignAcknowledgement {
    func dto(personName: String? = nil) -> AcknowledgementDTO {
        AcknowledgementDTO(campaignID: $campaign.id, unitID: $unit.id, personID: $person.id, personName: personName, at: at)
    }
}

extension EvidenceFile {
    func dto() -> EvidenceDTO {
        EvidenceDTO(id: id!, unitID: $unit.id, filename: filename, declaredType: declaredType, size: size, sha256: sha256,
                    uploadedAt: createdAt, downloadURL: "/api/v1/evidence/\(id!.uuidString)")
    }
}

extension ItemReport {
    func dto(evidence: EvidenceDTO?, reporterName: String?) -> ReportDTO {
        ReportDTO(id: id!, itemID: $item.id, unitID: $unit.id, status: status, note: note, evidence: evidence,
                  reportedBy: $reporter.id, reporterName: reporterName, reportedAt: reportedAt)
    }
}

extension OrgUnit {
    func boardDTO() -> BoardUnitDTO {
        BoardUnitDTO(id: id!, code: code, name: name, kind: kind)
    }
}
