import Foundation
import TrucCore

extension FindingList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.findings), body: """
            <h1>\(ctx.t("Lỗ hổng trên tài sản", "Findings on assets"))</h1>
            \(cards())
            \(filters())
            <p>\(model.metadata.total) \(ctx.t("lỗ hổng", "finding(s)"))</p>
            \(FindingTable(ctx: ctx, findings: model.findings, epss: model.epss, now: model.now).html)
            \(Pagination(ctx, metadata: model.metadata))
            """)
        }

        func cards() -> HTML {
            let summary = model.summary
            let bars = CVSSSeverity.allCases.reversed().map { severity in
                (label: ctx.t(severity.vietnamese, severity.english), value: summary.bySeverity[severity.rawValue] ?? 0, cssClass: "sev-\(severity.rawValue)")
            }
            return """
            <div class="cards">
              <div class="card"><strong>\(summary.active)</strong> \(ctx.t("đang mở", "active"))<br><strong>\(summary.overdue)</strong> \(ctx.t("quá hạn", "overdue"))<br><strong>\(summary.kev)</strong> \(ctx.t("trong danh mục KEV", "in CISA KEV"))</div>
              <div class="card">\(VulnViews.barChart(bars, title: ctx.t("Lỗ hổng đang mở theo mức độ", "Active findings by severity")))</div>
            </div>
            """
        }

        func filters() -> HTML {
            let s = model.selection
            let all = ctx.t(.all)
            let severities = CVSSSeverity.allCases.reversed().map { Select.Option($0.rawValue, ctx.t($0.vietnamese, $0.english)) }
            let statuses = [Select.Option("", ctx.t("Đang mở (mặc định)", "Active (default)")), Select.Option("all", all)]
                + FindingStatus.allCases.map { Select.Option($0.rawValue, ctx.t($0.vietnamese, $0.english)) }
            return """
            <form method="get" action="\(FindingRoute.list)" class="filters">
              \(FormField.select(ctx.t(.unit), Select(name: "unitID", options: [.init("", all)] + model.units.map { .init($0.id.uuidString, $0.label) }, selected: s.unitID?.uuidString)))
              \(FormField.select(ctx.t(.system), Select(name: "systemID", options: [.init("", all)] + model.systems.map { .init($0.id.uuidString, $0.name) }, selected: s.systemID?.uuidString)))
              \(FormField.select(ctx.t(.severity), Select(name: "severity", options: [.init("", all)] + severities, selected: s.severity)))
              \(FormField.select(ctx.t(.status), Select(name: "status", options: statuses, selected: s.status)))
              \(FormField.select("KEV", Select(name: "kev", options: [.init("", all), .init("true", ctx.t("Chỉ KEV", "KEV only"))], selected: s.kev)))
              \(FormField.select(ctx.t(.overdue), Select(name: "overdue", options: [.init("", all), .init("true", ctx.t("Chỉ quá hạn", "Overdue only"))], selected: s.overdue)))
              \(FormField.select(ctx.t("Sắp xếp", "Sort"), Select(name: "sort", options: [
                  .init(FindingSort.deadline.rawValue, ctx.t("Hạn xử lý gần nhất", "Soonest deadline")),
                  .init(FindingSort.priority.rawValue, ctx.t("Ưu tiên: KEV, EPSS, CVSS", "Priority: KEV, EPSS, CVSS")),
              ], selected: s.sort)))
              <button>\(ctx.t(.filter))</button>
            </form>
            """
        }
    }
}
