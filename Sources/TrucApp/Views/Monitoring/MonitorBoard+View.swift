import Foundation
import TrucCore

/// The province monitoring board: totals by state, monitors in trouble, and each unit's counts.
enum MonitorBoard {}

extension MonitorBoard {
    struct Model {
        let units: [StatusBoard.UnitRow]
        /// Down or degraded monitors, with their units loaded.
        let problems: [Monitor]

        var totals: [(MonitorState, Int)] {
            MonitorState.allCases.map { state in (state, units.reduce(0) { $0 + ($1.counts[state] ?? 0) }) }
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let trouble: HTML = model.problems.isEmpty ? "<p class=\"gap ok\">\(ctx.t("Mọi giám sát đang hoạt động.", "Every monitor is up."))</p>" : """
            <h2>\(ctx.t("Đang có sự cố", "Having trouble now"))</h2>
            \(MonitorTable(ctx: ctx, monitors: model.problems, showUnit: true))
            """
            return PageFrame.page(ctx, title: ctx.t("Bảng giám sát toàn tỉnh", "Province monitoring board"), body: """
            <h1>\(ctx.t("Bảng giám sát toàn tỉnh", "Province monitoring board"))</h1>
            <p>\(model.totals.html { "\(MonitorViews.state(ctx, $0.0)) \($0.1) " })</p>
            \(trouble)
            <h2>\(ctx.t("Theo đơn vị", "By unit"))</h2>
            \(units())
            """)
        }

        func units() -> HTML {
            let headers = [ctx.t(.unit)] + MonitorState.allCases.map { ctx.t($0.vietnamese, $0.english) } + [ctx.t("Cảnh báo chờ xác nhận", "Alerts waiting"), ""]
            return Table(headers: headers, model.units) { row in
                ["<a href=\"\(MonitorRoute.unitMonitors(unit: row.unitID))\">\(row.unitCode) — \(row.unitName)</a>"]
                    + MonitorState.allCases.map { "\(row.counts[$0] ?? 0)" }
                    + ["\(row.openAlerts)",
                       row.statusPagePublic ? "<a href=\"\(MonitorRoute.publicStatus(code: row.unitCode))\">\(ctx.t("Trang công khai", "Public page"))</a>" : .empty]
            }.html
        }
    }
}
