import Fluent
import Foundation
import TrucCore

/// Every monitor the person may see, filtered by state.
enum MonitorList {}

extension MonitorList {
    struct Model {
        /// With their units loaded.
        let monitors: [Monitor]
        let metadata: PageMetadata
        let state: MonitorState?
        /// The person's unit, for the link to its monitors.
        let unitID: UUID
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.monitoring), body: """
            <h1>\(ctx.t("Giám sát hoạt động", "Uptime monitoring"))</h1>
            <p><a href="\(MonitorRoute.board)">\(ctx.t("Bảng toàn tỉnh", "Province board"))</a> · <a href="\(MonitorRoute.alerts)">\(ctx.t(.monitoringAlerts))</a>
             · <a href="\(MonitorRoute.unitMonitors(unit: model.unitID))">\(ctx.t("Giám sát của đơn vị tôi", "My unit's monitors"))</a>
             · <a href="\(OutboundRoute.list)">\(ctx.t("Danh sách cho phép kết nối ra ngoài", "Outbound allow-list"))</a></p>
            <form class="filters" method="get" action="\(MonitorRoute.list)"><label>\(ctx.t(.state))
            \(Select(name: "state", MonitorState.allCases, selected: model.state, none: ctx.t(.all), value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))</label>
            <button>\(ctx.t(.filter))</button></form>
            \(MonitorTable(ctx: ctx, monitors: model.monitors, showUnit: true))
            \(Pagination(ctx, metadata: model.metadata))
            """)
        }
    }
}
