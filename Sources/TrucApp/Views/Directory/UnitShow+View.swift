import Foundation
import TrucCore

extension UnitShow {
    struct View {
        let ctx: PageContext
        let model: Model

        private var unit: OrgUnit { model.unit }

        func document() -> HTML {
            PageFrame.page(ctx, title: unit.name, body: """
            <h1>\(unit.name) \(Badge(unit.code))</h1>
            <p>\(ctx.kind(unit.kind))\(model.parent.map { " · \(ctx.t("Cấp trên", "Parent")): <a href=\"\(DirectoryRoute.unit($0.id))\">\($0.name)</a>" as HTML } ?? .empty)</p>
            <p>\(ctx.t(.phone)): \(unit.phone ?? "—") · Email: \(unit.email ?? "—")</p>
            <p><a href="\(RosterRoute.roster(unit: model.unitID))">\(ctx.t(.dutyRoster))</a> · <a href="\(RosterRoute.onDuty.path(query: [("unitID", model.unitID.uuidString)]))">\(ctx.t(.whoIsOnDuty))</a> · <a href="\(DirectoryRoute.contacts.path(query: [("unitID", model.unitID.uuidString)]))">\(ctx.t(.contacts))</a></p>
            \(children())
            <h2>\(ctx.t("Cán bộ", "People"))</h2>
            \(people())
            <h2>\(ctx.t("Liên hệ", "Contacts"))</h2>
            \(Table(headers: [ctx.t(.name), ctx.t(.jobTitle), ctx.t(.phone), ctx.t(.hotline), "Email"], model.contacts) { c in
                ["\(c.name)", "\(c.title)", "\(c.phone)", "\(c.hotline)", "\(c.email)"]
            })
            \(model.manages ? manageForms() : .empty)
            """)
        }

        func children() -> HTML {
            guard !model.children.isEmpty else { return .empty }
            return """
            <h2>\(ctx.t("Đơn vị trực thuộc", "Units below"))</h2>
            <ul>\(model.children.html { "<li><a href=\"\(DirectoryRoute.unit($0.id))\">\($0.name)</a> (\(ctx.kind($0.kind)))</li>" })</ul>
            """
        }

        func people() -> HTML {
            Table(headers: [ctx.t(.fullName), ctx.t(.jobTitle), ctx.t(.phone), "Email", ctx.t("Vai trò", "Roles")], model.people) { p in
                ["<a href=\"\(DirectoryRoute.person(p.id))\">\(p.fullName)</a>\(p.isActive ? .empty : " (\(ctx.t("ngừng hoạt động", "inactive")))" as HTML)",
                 "\(p.title)", "\(p.phone)", "\(p.email)", "\(p.roles.map { ctx.role($0) }.joined(separator: ", "))"]
            }.html
        }

        func manageForms() -> HTML {
            """
            <h2>\(ctx.t("Sửa thông tin đơn vị", "Edit the unit"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.updateUnit(model.unitID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.name), name: "name", value: unit.name, maxLength: 300, required: true))
              \(model.editsStructure ? structuralFields() : .empty)
              \(FormField.input(ctx.t("Địa chỉ", "Address"), name: "address", value: unit.address))
              \(FormField.input(ctx.t(.phone), name: "phone", value: unit.phone))
              \(FormField.input("Email", name: "email", value: unit.email, type: "email"))
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            <h2>\(ctx.t("Thêm cán bộ", "Add a person"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.addPerson(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.input(ctx.t("Họ tên", "Full name"), name: "fullName", required: true))
              \(FormField.input("Email", name: "email", type: "email", required: true))
              \(FormField.input(ctx.t(.phone), name: "phone"))
              \(FormField.input(ctx.t(.jobTitle), name: "title"))
              \(RoleSelect(ctx: ctx, roles: model.grantableRoles))
              <label>\(ctx.t("Mật khẩu (≥ 10 ký tự; để trống nếu chỉ là liên hệ)", "Password (≥ 10 characters; empty for a contact only)")) <input name="password" type="password" minlength="10" autocomplete="new-password"></label>
              <button type="submit">\(ctx.t(.add))</button>
            </form>
            <h2>\(ctx.t("Thêm liên hệ", "Add a contact"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.addContact(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.name), name: "name", required: true))
              \(FormField.input(ctx.t(.jobTitle), name: "title"))
              \(FormField.input(ctx.t(.phone), name: "phone"))
              \(FormField.input(ctx.t(.hotline), name: "hotline"))
              \(FormField.input("Email", name: "email", type: "email"))
              <button type="submit">\(ctx.t(.add))</button>
            </form>
            """
        }

        func structuralFields() -> HTML {
            """
            \(FormField.input(ctx.t(.code), name: "code", value: unit.code, maxLength: 40, required: true))
            \(FormField.select(ctx.t(.kind), Select(name: "kind", UnitKind.allCases, selected: unit.kind, value: \.rawValue, label: ctx.kind)))
            """
        }
    }
}
