import Foundation
import TrucCore

extension CampaignSummary {
    struct View {
        let ctx: PageContext
        let model: Model

        private var campaign: Campaign { model.campaign }
        private var s: CampaignSummaryReportDTO { model.summary }
        private func d(_ date: Date?) -> String { date.map { VNDateFormat.format($0, timeZone: campaign.zone) } ?? "" }

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Báo cáo tổng hợp", "Summary report") + " · " + campaign.title, body: """
            <p class="noprint"><a href="\(CampaignRoute.show(model.campaignID))">« \(campaign.title)</a> · \(ctx.t("Dùng chức năng In của trình duyệt (Ctrl+P) để in.", "Use the browser's Print (Ctrl+P) to print."))</p>
            <h1>\(ctx.t("Báo cáo tổng hợp kết quả thực hiện", "Summary report")): \(campaign.title)</h1>
            <p>\(ctx.t(.period)): \(CampaignFragments.period(campaign)) (\(campaign.timeZone)) · \(ctx.t("Lập lúc", "Generated")): \(d(s.generatedAt))</p>
            \(CampaignFragments.documentsTable(ctx, campaign.documents))
            \(overview())
            \(byItem())
            \(unacknowledged())
            \(problems())
            \(overdue())
            """)
        }

        private var countHeaders: [String] {
            [ctx.t("Đã thực hiện", "Done"), ctx.t("Không áp dụng", "Not applicable"), ctx.t("Có vướng mắc", "Problem"),
             ctx.t("Chưa báo cáo", "Pending"), ctx.t(.overdue)]
        }

        private func counts(_ c: StatusCountsDTO) -> [HTML] {
            ["\(c.done)", "\(c.notApplicable)", "\(c.problem)", "\(c.pending)", "\(c.overdue)"]
        }

        func overview() -> HTML {
            """
            <h2>\(ctx.t(.overview))</h2>
            <div class="table-wrap"><table><tbody>
              <tr><th>\(ctx.t("Số đơn vị được yêu cầu", "Units targeted"))</th><td>\(s.targetedUnits)</td></tr>
              <tr><th>\(ctx.t("Số đơn vị đã tiếp nhận", "Units that acknowledged"))</th><td>\(s.acknowledgedUnits)</td></tr>
              <tr><th>\(ctx.t("Tỷ lệ hoàn thành", "Completion"))</th><td>\(s.completionPercent)%</td></tr>
            </tbody></table></div>
            \(Table(headers: countHeaders, rows: [Table.Row(counts(s.byStatus))]))
            """
        }

        func byItem() -> HTML {
            """
            <h2>\(ctx.t("Theo mục kiểm tra", "By checklist item"))</h2>
            \(Table(headers: ["#", ctx.t(.checklistItem), ctx.t("Số đơn vị", "Units")] + countHeaders, s.items) { i in
                ["\(i.item.position)", "\(i.item.title)", "\(i.targetedUnits)"] + counts(i.counts)
            })
            """
        }

        func unacknowledged() -> HTML {
            """
            <h2>\(ctx.t("Đơn vị chưa tiếp nhận", "Units that have not acknowledged")) (\(s.unacknowledged.count))</h2>
            \(s.unacknowledged.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : "<ul>\(s.unacknowledged.html { "<li>\($0.name) (\($0.code))</li>" })</ul>" as HTML)
            """
        }

        func problems() -> HTML {
            """
            <h2>\(ctx.t("Vướng mắc được báo cáo", "Problems reported")) (\(s.problems.count))</h2>
            \(s.problems.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : Table(
                headers: [ctx.t(.unit), ctx.t(.checklistItem), ctx.t(.note), ctx.t("Người báo cáo", "Reported by"), ctx.t(.at)], s.problems) { p in
                ["\(p.unit.name)", "\(p.itemTitle)", "\(p.note)", "\(p.reporterName ?? "")", "\(d(p.reportedAt))"]
            }.html)
            """
        }

        func overdue() -> HTML {
            """
            <h2>\(ctx.t("Quá hạn chưa báo cáo", "Overdue, not answered")) (\(s.overdue.count))</h2>
            \(s.overdue.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : Table(
                headers: [ctx.t(.unit), ctx.t(.checklistItem), ctx.t(.deadline)], s.overdue) { o in
                ["\(o.unit.name)", "\(o.itemTitle)", "\(d(o.dueAt))"]
            }.html)
            """
        }
    }
}
