import Foundation

extension ContactList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.contacts), body: """
            <h1>\(ctx.t("Danh bạ liên hệ", "Contact directory"))</h1>
            <form method="get" action="\(DirectoryRoute.contacts)">
              <input name="q" value="\(model.q)" placeholder="\(ctx.t("Tìm tên, đơn vị, số điện thoại, email", "Search name, unit, phone, e-mail"))">
              <label><input type="checkbox" name="national" value="true"\(model.nationalOnly ? HTML(raw: " checked") : .empty)> \(ctx.t("Chỉ đầu mối quốc gia", "National contacts only"))</label>
              <button>\(ctx.t(.search))</button>
              <a href="\(DirectoryRoute.contactsVCard.path + (model.rawQuery.map { "?" + $0 } ?? ""))">\(ctx.t("Xuất vCard", "Export vCard"))</a>
            </form>
            \(Table(headers: [ctx.t(.name), ctx.t("Đơn vị / Tổ chức", "Unit / organisation"), ctx.t(.phone), ctx.t(.hotline), "Email", ctx.t(.note), ""],
                    model.rows, row: row))
            \(Pagination(ctx, metadata: model.metadata))
            <p class="muted">\(ctx.t("Thêm liên hệ của đơn vị tại trang đơn vị.", "Add a unit's contacts on the unit's page."))</p>
            """)
        }

        private static func tel(_ number: String) -> String { "tel:" + number.filter { $0.isNumber || $0 == "+" } }

        func row(_ r: Model.Row) -> [HTML] {
            let c = r.contact
            let org: HTML = r.unit.map { "<a href=\"\(DirectoryRoute.unit($0.id))\">\($0.name)</a>" }
                ?? "\(Badge(ctx.t("Quốc gia", "National"))) \(c.organization ?? "")"
            return [
                "\(c.name)\(c.title.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)",
                org,
                c.phone.map { "<a href=\"\(Self.tel($0))\">\($0)</a>" } ?? .empty,
                c.hotline.map { "<a href=\"\(Self.tel($0))\">\($0)</a>" } ?? .empty,
                c.email.map { "<a href=\"mailto:\($0)\">\($0)</a>" } ?? .empty,
                "\(c.note)",
                r.mayChange ? """
                <a href="\(DirectoryRoute.editContact(r.id))">\(ctx.t(.edit))</a> \(PostButton(DirectoryRoute.deleteContact(r.id), label: ctx.t("Xóa", "Delete"), ctx: ctx))
                """ : .empty,
            ]
        }
    }
}
