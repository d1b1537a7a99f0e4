import Foundation
import TrucCore

/// Monitoring alerts. The acknowledge button comes first in its row, so on a phone it is on screen without
/// scrolling the table sideways.
struct AlertTable: HTMLComponent {
    let ctx: PageContext
    let alerts: [MonitorAlert]
    /// Monitor names by id.
    let names: [UUID: String]

    var html: HTML {
        Table(headers: [ctx.t("Xác nhận", "Acknowledged"), ctx.t("Lúc", "Raised"), ctx.t("Giám sát", "Monitor"), ctx.t("Sự kiện", "Event"),
                        ctx.t("Chi tiết", "Details"), ctx.t("Cấp đã báo", "Stage reached")],
              alerts, empty: ctx.t("Không có cảnh báo.", "No alerts."), className: "alerts") { a in
            ["\(acknowledgement(a))", "<a href=\"\(MonitorRoute.alert(a.id!))\">\(ctx.date(a.raisedAt))</a>",
             "<a href=\"\(MonitorRoute.show(a.$monitor.id))\">\(names[a.$monitor.id] ?? "")</a>",
             "\(MonitorViews.state(ctx, a.event))", "\(a.message)", "\(ctx.t(a.stage.vietnamese, a.stage.english))"]
        }.html
    }

    /// The button for those who may acknowledge, else who acknowledged it, or that it is over.
    func acknowledgement(_ a: MonitorAlert) -> HTML {
        if a.needsAcknowledgement, ctx.principal?.policy.allows(.acknowledgeAlerts, on: a.unitID) == true {
            return PostButton(MonitorRoute.acknowledgeAlert(a.id!), label: ctx.t(.acknowledge), ctx: ctx, hidden: [("next", ctx.path)]).html
        }
        return "\(a.acknowledgedAt.map { ctx.date($0) + " " + (a.acknowledgedBy ?? "") } ?? (a.resolvedAt != nil ? ctx.t("Đã kết thúc", "Over") : ""))"
    }
}
