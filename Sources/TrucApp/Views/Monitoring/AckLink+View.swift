import Foundation
import TrucCore

/// The page an alert e-mail's acknowledgement link opens (no sign-in): the alert and, while it waits, the button.
enum AckLink {}

extension AckLink {
    struct Model {
        let token: String
        let alert: MonitorAlert
        let monitorName: String?
        let recipientName: String
        let recipient: String
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let alert = model.alert
            let title = ctx.t("Xác nhận cảnh báo", "Acknowledge an alert")
            return PageFrame.page(ctx, title: title, body: """
            <h1>\(title)</h1>
            <p>\(MonitorViews.state(ctx, alert.event)) <strong>\(model.monitorName)</strong> · \(ctx.date(alert.raisedAt)) · \(alert.message)</p>
            \(alert.needsAcknowledgement ? form() : done())
            """)
        }

        func form() -> HTML {
            """
            <form method="post" action="\(MonitorRoute.ackLinkSubmit(token: model.token))">\(ctx.csrfField)
            <p>\(ctx.t("Xác nhận với tên", "Acknowledge as")) \(model.recipientName) &lt;\(model.recipient)&gt;</p>
            <button>\(ctx.t("Tôi đã nhận và đang xử lý", "I have it and am handling it"))</button></form>
            """
        }

        func done() -> HTML {
            let alert = model.alert
            let text = alert.acknowledgedAt.map { ctx.t("Đã được xác nhận lúc", "Already acknowledged at") + " " + ctx.date($0) + " – " + (alert.acknowledgedBy ?? "") }
                ?? ctx.t("Cảnh báo đã kết thúc.", "This alert is over.")
            return "<p class=\"gap\">\(text)</p>"
        }
    }
}
