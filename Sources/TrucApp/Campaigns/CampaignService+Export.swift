import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    /// The board as CSV for Excel: UTF-8 with BOM, CRLF lines, a header row, one row per targeted unit, one column per item.
    static func csv(_ data: BoardData, lang: Lang = .vi) -> String {
        func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }
        var lines: [[String]] = []
        lines.append([t("Mã đơn vị", "Unit code"), t("Đơn vị", "Unit"), t("Loại đơn vị", "Unit kind"), t("Tiếp nhận lúc", "Acknowledged at")]
                     + data.items.map { "\($0.position). \($0.title)" }
                     + [t("Đã báo cáo", "Answered"), t("Số mục phải báo cáo", "Items to answer"), t("Quá hạn", "Overdue"),
                        t("Hoàn thành (%)", "Completion (%)")])
        for row in data.board.rows {
            let unit = data.unitDTO(row.unit.id)
            let percent = row.targeted == 0 ? 100 : row.answered * 100 / row.targeted
            lines.append([unit.code, unit.name, lang == .vi ? unit.kind.vietnamese : unit.kind.english,
                          row.unit.acknowledgedAt.map { VNDateFormat.format($0, timeZone: data.zone) } ?? ""]
                         + row.cells.map { cellLabel($0, lang) }
                         + [String(row.answered), String(row.targeted), String(row.overdue), String(percent)])
        }
        return "\u{FEFF}" + lines.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a CSV field when needed; neutralises text a spreadsheet would run as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Int(value) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// The end-of-campaign report (can be produced at any time; it reflects the board at `data.now`).
    static func summary(_ data: BoardData, on db: any Database) async throws -> CampaignSummaryReportDTO {
        let board = data.board
        var total = StatusCountsDTO()
        var perItem = Array(repeating: StatusCountsDTO(), count: data.items.count)
        var targetedPerItem = Array(repeating: 0, count: data.items.count)
        for row in board.rows {
            for (index, cell) in row.cells.enumerated() where cell != .notTargeted {
                total.add(cell)
                perItem[index].add(cell)
                targetedPerItem[index] += 1
            }
        }
        let targetedPairs = Set(board.rows.flatMap { row in
            row.cells.enumerated().filter { $0.element != .notTargeted }.map { "\(row.unit.id)|\(data.items[$0.offset].id!)" }
        })
        let problemReports = data.reports.filter { $0.status == .problem && targetedPairs.contains("\($0.$unit.id)|\($0.$item.id)") }
        let evidence = try await evidenceMeta(problemReports.compactMap { $0.$evidence.id }, on: db)
        let names = try await personNames(problemReports.map { $0.$reporter.id }, on: db)
        let titles = Dictionary(data.items.map { ($0.id!, ($0.position, $0.title)) }, uniquingKeysWith: { a, _ in a })
        let problems = problemReports
            .sorted { (titles[$0.$item.id]?.0 ?? 0, SearchText.fold(data.unitDTO($0.$unit.id).name)) < (titles[$1.$item.id]?.0 ?? 0, SearchText.fold(data.unitDTO($1.$unit.id).name)) }
            .map { report in
                CampaignSummaryReportDTO.Problem(unit: data.unitDTO(report.$unit.id), itemID: report.$item.id,
                                                 itemTitle: titles[report.$item.id]?.1 ?? "", note: report.note,
                                                 reportedAt: report.reportedAt, reporterName: names[report.$reporter.id],
                                                 evidence: report.$evidence.id.flatMap { evidence[$0] })
            }
        return CampaignSummaryReportDTO(
            campaign: data.campaign.dto(items: data.items), generatedAt: data.now,
            targetedUnits: board.rows.count,
            acknowledgedUnits: board.rows.filter { $0.unit.acknowledgedAt != nil }.count,
            completionPercent: board.completionPercent, byStatus: total,
            items: data.items.enumerated().map { index, item in
                CampaignSummaryReportDTO.ItemSummary(item: item.dto(campaignEndsAt: data.campaign.endsAt),
                                                     targetedUnits: targetedPerItem[index], counts: perItem[index])
            },
            unacknowledged: board.unacknowledged.map { data.unitDTO($0.id) },
            problems: problems, overdue: data.overdue)
    }
}
