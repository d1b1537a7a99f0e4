import Foundation
import TrucCore

/// One alert with its deliveries.
enum AlertShow {}

extension AlertShow {
    struct Model {
        /// With its monitor loaded.
        let alert: MonitorAlert
        let deliveries: [AlertDelivery]
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let alert = model.alert
            let deliveries = Table(headers: [ctx.t("Kênh", "Channel"), ctx.t("Người nhận", "Recipient"), ctx.t("Cấp", "Stage"), ctx.t(.status),
                                             ctx.t("Lần thử", "Attempts"), ctx.t("Đã gửi", "Sent"), ctx.t("Lỗi", "Error")], model.deliveries) { d in
                ["\(d.channel.rawValue)", "\(d.recipientName) \(d.channel == .email ? "<\(d.recipient)>" : "")",
                 "\(ctx.t(d.stage.vietnamese, d.stage.english))", "\(d.status.rawValue)", "\(d.attempts)", "\(ctx.date(d.sentAt))", "\(d.lastError)"]
            }
            return PageFrame.page(ctx, title: ctx.t("Cảnh báo", "Alert"), body: """
            <h1>\(MonitorViews.state(ctx, alert.event)) <a href="\(MonitorRoute.show(alert.$monitor.id))">\(alert.monitor.name)</a></h1>
            \(AlertTable(ctx: ctx, alerts: [alert], names: [alert.$monitor.id: alert.monitor.name]))
            <h2>\(ctx.t("Đã gửi tới", "Deliveries"))</h2>
            \(deliveries)
            """)
        }
    }
}
