import Foundation

extension AuditList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Nhật ký thay đổi", "Audit log"), body: """
            <h1>\(ctx.t("Nhật ký thay đổi", "Audit log"))</h1>
            <form method="get" action="\(AuditRoute.list)"><input name="action" value="\(model.action)" placeholder="\(ctx.t("Hành động, ví dụ campaign", "Action, e.g. campaign"))"> <button>\(ctx.t(.filter))</button></form>
            \(table)
            \(Pagination(ctx, metadata: model.metadata))
            """)
        }

        var table: Table {
            Table(headers: [ctx.t("Thời điểm", "When"), ctx.t("Người thực hiện", "Who"), ctx.t("Hành động", "Action"),
                            ctx.t("Đối tượng", "Entity"), ctx.t("Trước", "Before"), ctx.t("Sau", "After")], model.entries) { e in
                ["\(ctx.date(e.at))", "\(e.actorName)", "<code>\(e.action)</code>",
                 "\(e.entityType) \(e.entityID.map { String($0.prefix(8)) } ?? "")",
                 "<code class=\"json\">\(e.before)</code>", "<code class=\"json\">\(e.after)</code>"]
            }
        }
    }
}
