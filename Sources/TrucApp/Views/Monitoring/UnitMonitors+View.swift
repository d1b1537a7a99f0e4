import Foundation
import TrucCore

extension UnitMonitors {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.monitoring) + " – " + model.unitName, body: """
            <h1>\(ctx.t(.monitoring)) – \(model.unitName)</h1>
            \(links())
            \(MonitorTable(ctx: ctx, monitors: model.monitors, showUnit: false))
            \(Pagination(ctx, metadata: model.metadata))
            \(model.canManage ? MonitorFormView(ctx: ctx, action: .create(unit: model.unitID), systems: model.systems, monitor: nil).html : .empty)
            \(maintenance())
            \(model.canManage ? webhooks() : .empty)
            \(model.canManage ? statusPage() : .empty)
            """)
        }

        func links() -> HTML {
            let publicPage: HTML = model.statusPagePublic
                ? "<a href=\"\(MonitorRoute.publicStatus(code: model.unitCode))\">\(ctx.t("Trang trạng thái công khai", "Public status page"))</a>"
                : "\(ctx.t("Trang trạng thái công khai: chưa bật", "Public status page: off"))"
            return """
            <p><a href="\(MonitorRoute.list)">\(ctx.t("Mọi giám sát", "All monitors"))</a> · <a href="\(MonitorRoute.alerts)">\(ctx.t("Cảnh báo", "Alerts"))</a>
            · \(publicPage)</p>
            """
        }

        func maintenance() -> HTML {
            let wholeUnit = ctx.t("Cả đơn vị", "Whole unit")
            let table = Table(headers: [ctx.t(.from), ctx.t(.to), ctx.t("Phạm vi", "Scope"), ctx.t("Lý do", "Reason"), ""], model.windows) { w in
                ["\(ctx.date(w.startsAt))", "\(ctx.date(w.endsAt))", "\(w.monitorName ?? wholeUnit)", "\(w.reason)",
                 model.canManage ? PostButton(MonitorRoute.deleteMaintenance(w.id), label: ctx.t("Huỷ", "Cancel"), ctx: ctx).html : .empty]
            }
            let form: HTML = model.canManage ? """
            <form class="stack" method="post" action="\(MonitorRoute.createMaintenance(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.input(ctx.t("Bắt đầu", "Starts"), name: "startsAt", type: "datetime-local", required: true))
              \(FormField.input(ctx.t("Kết thúc", "Ends"), name: "endsAt", type: "datetime-local", required: true))
              \(FormField.select(ctx.t("Giám sát", "Monitor"), Select(name: "monitorID", model.allMonitors, selected: nil, none: wholeUnit, value: { $0.id.uuidString }, label: { $0.name })))
              \(FormField.input(ctx.t("Lý do", "Reason"), name: "reason", maxLength: 500, required: true))
              <button>\(ctx.t("Thêm khung bảo trì", "Add maintenance window"))</button>
            </form>
            """ : .empty
            return """
            <h2>\(ctx.t("Khung bảo trì", "Maintenance windows"))</h2>
            <p class="muted">\(ctx.t("Trong khung bảo trì, thay đổi trạng thái vẫn được ghi nhận nhưng không gửi cảnh báo.", "Within a window, state changes are recorded but no alert is sent."))</p>
            \(table)
            \(form)
            """
        }

        func webhooks() -> HTML {
            let table = Table(headers: [ctx.t(.name), "URL", ctx.t("Gồm đơn vị trực thuộc", "Includes sub-units"), ""], model.webhooks) { h in
                ["\(h.name)", "<code>\(h.url)</code>", "\(h.includeSubunits ? ctx.t("Có", "Yes") : ctx.t("Không", "No"))",
                 PostButton(MonitorRoute.deleteWebhook(h.id), label: ctx.t(.delete), ctx: ctx).html]
            }
            return """
            <h2>Webhook</h2>
            <p class="muted">\(ctx.t("Mỗi cảnh báo được gửi dạng JSON, ký HMAC-SHA256 trong tiêu đề X-Truc-Signature (t=…,v1=…).", "Each alert is POSTed as JSON, signed with HMAC-SHA256 in the X-Truc-Signature header (t=…,v1=…)."))</p>
            \(table)
            <form class="stack" method="post" action="\(MonitorRoute.createWebhook(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.name), name: "name", maxLength: 120, required: true))
              \(FormField.input("URL", name: "url", type: "url", required: true, placeholder: "https://soc.example.gov.vn/hooks/truc"))
              <label><input type="checkbox" name="includeSubunits" value="true"> \(ctx.t("Nhận cả cảnh báo của đơn vị trực thuộc", "Also receive the sub-units' alerts"))</label>
              <button>\(ctx.t("Thêm webhook", "Add webhook"))</button>
            </form>
            """
        }

        func statusPage() -> HTML {
            let isPublic = model.statusPagePublic
            return """
            <h2>\(ctx.t("Trang trạng thái công khai", "Public status page"))</h2>
            \(PostButton(MonitorRoute.setStatusPage(unit: model.unitID),
                         label: isPublic ? ctx.t("Tắt trang trạng thái công khai", "Withdraw the public status page")
                                         : ctx.t("Bật trang trạng thái công khai (chỉ các giám sát được đánh dấu công khai)", "Publish the status page (only monitors marked public)"),
                         ctx: ctx, hidden: [("isPublic", isPublic ? "false" : "true")]))
            """
        }
    }
}
