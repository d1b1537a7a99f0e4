import Foundation
import TrucCore

/// The compliance board of a campaign: completion figures, units × items coloured by state, and the overdue list.
struct ComplianceBoardView: HTMLComponent {
    let ctx: PageContext
    let data: CampaignService.BoardData
    let campaignID: UUID

    var html: HTML {
        let board = data.board
        let overdue = data.overdue
        return """
        <h2>\(ctx.t("Bảng theo dõi tuân thủ", "Compliance board"))</h2>
        <p>\(ctx.t("Hoàn thành", "Completion")): <strong>\(board.completionPercent)%</strong> (\(board.answeredCells)/\(board.targetedCells))
          · \(ctx.t(.overdue)): <strong>\(board.overdueCells)</strong>
          · \(ctx.t(.notAcknowledged)): <strong>\(board.unacknowledged.count)</strong>/\(board.rows.count)
          · <a href="\(CampaignRoute.complianceCSV(campaignID))">\(ctx.t("Tải CSV", "Download CSV"))</a>
          · <a href="\(CampaignRoute.summary(campaignID))">\(ctx.t("Báo cáo tổng hợp", "Summary report"))</a></p>
        <div class="table-wrap"><table class="board"><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t("Tiếp nhận", "Acknowledged"))</th>\(data.items.html { item in
          "<th title=\"\(item.title)\">\(item.position)</th>" })<th>%</th></tr></thead>
        <tbody>\(board.rows.html(row))</tbody></table></div>
        \(overdue.isEmpty ? .empty : """
        <h3>\(ctx.t("Quá hạn chưa báo cáo", "Overdue, not answered")) (\(overdue.count))</h3>
        <ul>\(overdue.prefix(200).html { o in "<li>\(o.unit.name): \(o.itemTitle) (\(ctx.t("hạn", "due")) \(VNDateFormat.format(o.dueAt, timeZone: data.zone)))</li>" })</ul>
        """ as HTML)
        """
    }

    private func row(_ row: ComplianceBoard.Row) -> HTML {
        let percent = row.targeted == 0 ? 100 : row.answered * 100 / row.targeted
        return """
        <tr><td><a href="\(CampaignRoute.unit(campaignID, unit: row.unit.id))">\(row.unit.name)</a></td>
        <td class="\(row.unit.acknowledgedAt == nil ? "s-overdue" : "s-done")">\(row.unit.acknowledgedAt.map { VNDateFormat.format($0, timeZone: data.zone) } ?? ctx.t("Chưa", "No"))</td>
        \(row.cells.html { cell in "<td class=\"s-\(cell.rawValue)\">\(CampaignFragments.cellLabel(ctx, cell))</td>" })<td>\(percent)</td></tr>
        """
    }
}
