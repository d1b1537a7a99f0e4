import Foundation
import TrucCore

extension UnitList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.units), body: """
            <h1>\(ctx.t(.units))</h1>
            <form method="get" action="\(DirectoryRoute.units)"><input name="q" value="\(model.q ?? "")" placeholder="\(ctx.t("Tìm theo tên, mã", "Search name, code"))"> <button>\(ctx.t(.search))</button></form>
            \(Table(headers: [ctx.t(.code), ctx.t(.name), ctx.t(.kind), ctx.t("Cấp trên", "Parent")], model.rows) { u in
                ["\(u.code)", "<a href=\"\(DirectoryRoute.unit(u.id))\">\(u.name)</a>", "\(ctx.kind(u.kind))", "\(u.parentName ?? "")"]
            })
            \(Pagination(ctx, metadata: model.metadata))
            \(model.parentChoices.map(addForm) ?? .empty)
            """)
        }

        func addForm(_ parents: [Model.ParentChoice]) -> HTML {
            """
            <h2>\(ctx.t("Thêm đơn vị", "Add a unit"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.createUnit)">\(ctx.csrfField)
              <label>\(ctx.t(.code)) <input name="code" required maxlength="40" pattern="[A-Za-z0-9._-]+"></label>
              \(FormField.input(ctx.t(.name), name: "name", maxLength: 300, required: true))
              \(FormField.select(ctx.t(.kind), Select(name: "kind", UnitKind.allCases, selected: nil, value: \.rawValue, label: ctx.kind)))
              \(FormField.select(ctx.t("Đơn vị cấp trên", "Parent unit"),
                                 Select(name: "parentID", parents, selected: nil, none: "—", value: \.id.uuidString, label: \.name)))
              \(FormField.input(ctx.t(.phone), name: "phone"))
              \(FormField.input("Email", name: "email", type: "email"))
              <button type="submit">\(ctx.t(.add))</button>
            </form>
            """
        }
    }
}
