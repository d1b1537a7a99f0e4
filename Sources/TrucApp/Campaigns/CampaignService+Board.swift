import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    // MARK: - Compliance board

    static func boardItem(_ item: ChecklistItem, _ campaign: Campaign) -> ComplianceBoard.Item {
        ComplianceBoard.Item(id: item.id!, title: item.title, targetKinds: Set(item.targetKinds), dueAt: item.dueAt ?? campaign.endsAt)
    }

    static func boardAnswer(_ report: ItemReport) -> ComplianceBoard.Answer {
        ComplianceBoard.Answer(itemID: report.$item.id, unitID: report.$unit.id, status: report.status, reportedAt: report.reportedAt)
    }

    /// Everything the board, the CSV and the summary are built from, limited to the units the principal can read.
    struct BoardData {
        var campaign: Campaign
        var items: [ChecklistItem]
        var units: [UUID: OrgUnit]
        var reports: [ItemReport]
        var board: ComplianceBoard
        var now: Date

        var zone: TimeZone { campaign.zone }

        func unitDTO(_ id: UUID) -> BoardUnitDTO {
            units[id]?.boardDTO() ?? BoardUnitDTO(id: id, code: "", name: "", kind: .stateAgency)
        }

        /// (unit, item) pairs not answered after their deadline, by deadline.
        var overdue: [OverdueDTO] {
            var list: [OverdueDTO] = []
            for row in board.rows {
                for (index, cell) in row.cells.enumerated() where cell == .overdue {
                    let item = items[index]
                    list.append(OverdueDTO(unit: unitDTO(row.unit.id), itemID: item.id!, itemTitle: item.title,
                                           dueAt: item.dueAt ?? campaign.endsAt))
                }
            }
            return list.sorted { ($0.dueAt, SearchText.fold($0.unit.name)) < ($1.dueAt, SearchText.fold($1.unit.name)) }
        }
    }

    static func boardData(_ campaign: Campaign, items: [ChecklistItem], for principal: Principal, now: Date = Date(),
                          on db: any Database) async throws -> BoardData {
        let campaignID = try campaign.requireID()
        let kinds = Set(items.flatMap(\.targetKinds))
        var units: [OrgUnit] = []
        if !kinds.isEmpty {
            let query = OrgUnit.query(on: db).filter(\.$kind ~~ Array(kinds))
            if let readable = principal.policy.units(with: .read) { query.filter(\.$id ~~ Array(readable)) }
            units = sortUnits(try await query.all())
        }
        let unitIDs = Set(units.map { $0.id! })
        let acks = try await CampaignAcknowledgement.query(on: db).filter(\.$campaign.$id == campaignID).all()
            .filter { unitIDs.contains($0.$unit.id) }
        let ackAt = Dictionary(acks.map { ($0.$unit.id, $0.at) }, uniquingKeysWith: { a, _ in a })
        var reports: [ItemReport] = []
        if !items.isEmpty && !units.isEmpty {
            reports = try await ItemReport.query(on: db).filter(\.$item.$id ~~ items.map { $0.id! }).all()
                .filter { unitIDs.contains($0.$unit.id) }
        }
        let board = ComplianceBoard.build(
            items: items.map { boardItem($0, campaign) },
            units: units.map { ComplianceBoard.Unit(id: $0.id!, name: $0.name, kind: $0.kind, acknowledgedAt: ackAt[$0.id!]) },
            answers: reports.map(boardAnswer), now: now)
        return BoardData(campaign: campaign, items: items, units: Dictionary(units.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }),
                         reports: reports, board: board, now: now)
    }

    static func compliance(_ data: BoardData) -> ComplianceDTO {
        let board = data.board
        return ComplianceDTO(
            campaignID: data.campaign.id!, title: data.campaign.title, generatedAt: data.now,
            items: data.items.map { $0.dto(campaignEndsAt: data.campaign.endsAt) },
            rows: board.rows.map { row in
                ComplianceDTO.Row(unit: data.unitDTO(row.unit.id), acknowledgedAt: row.unit.acknowledgedAt, cells: row.cells,
                                  answered: row.answered, targeted: row.targeted, overdue: row.overdue, problems: row.problems)
            },
            unacknowledged: board.unacknowledged.map { data.unitDTO($0.id) },
            overdue: data.overdue,
            targetedCells: board.targetedCells, answeredCells: board.answeredCells, overdueCells: board.overdueCells,
            completionPercent: board.completionPercent)
    }

    static func cellLabel(_ cell: ComplianceBoard.Cell, _ lang: Lang) -> String {
        switch cell {
        case .notTargeted: "—"
        case .pending: lang == .vi ? "Chưa báo cáo" : "Pending"
        case .overdue: lang == .vi ? "Quá hạn" : "Overdue"
        case .done: lang == .vi ? ItemStatus.done.vietnamese : ItemStatus.done.english
        case .notApplicable: lang == .vi ? ItemStatus.notApplicable.vietnamese : ItemStatus.notApplicable.english
        case .problem: lang == .vi ? ItemStatus.problem.vietnamese : ItemStatus.problem.english
        }
    }
}
