import Foundation
import TrucCore

extension PersonShow {
    struct View {
        let ctx: PageContext
        let model: Model

        private var person: Person { model.person }

        func document() -> HTML {
            PageFrame.page(ctx, title: person.fullName, body: """
            <h1>\(person.fullName)\(person.isActive ? .empty : " \(Badge(ctx.t("Ngừng hoạt động", "Inactive"), className: "s-overdue"))" as HTML)</h1>
            <p>\(person.title ?? "") · <a href="\(DirectoryRoute.unit(model.unitID))">\(model.unitName)</a></p>
            <p>\(ctx.t(.phone)): \(person.phone ?? "—") · Email: <a href="mailto:\(person.email)">\(person.email)</a></p>
            <p><a href="\(RosterRoute.personCalendar(person: model.personID))">\(ctx.t("Lịch trực (.ics)", "Duty calendar (.ics)"))</a></p>
            <h2>\(ctx.t("Vai trò", "Roles"))</h2>
            \(Table(headers: [ctx.t(.role), ctx.t(.unit), ""], model.roles) { r in
                ["\(ctx.role(r.role))", "<a href=\"\(DirectoryRoute.unit(r.unitID))\">\(r.unitName)</a>",
                 r.mayWithdraw ? PostButton(DirectoryRoute.withdrawRole(person: model.personID, role: r.id), label: ctx.t("Thu hồi", "Withdraw"), ctx: ctx).html : .empty]
            })
            \(model.mayEdit ? forms() : .empty)
            """)
        }

        func forms() -> HTML {
            let status = Select(name: "isActive", options: [.init("true", ctx.t("Đang hoạt động", "Active")),
                                                           .init("false", ctx.t("Ngừng hoạt động (không đăng nhập được)", "Inactive (cannot sign in)"))],
                                selected: person.isActive ? "true" : "false")
            return """
            <h2>\(ctx.t("Sửa thông tin", "Edit details"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.updatePerson(model.personID))">\(ctx.csrfField)
              \(FormField.input(ctx.t("Họ tên", "Full name"), name: "fullName", value: person.fullName, required: true))
              \(FormField.input(ctx.t(.jobTitle), name: "title", value: person.title))
              \(FormField.input(ctx.t(.phone), name: "phone", value: person.phone))
              \(FormField.select(ctx.t(.status), status))
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            \(model.mayGrant ? grantForm() : .empty)
            \(model.mayResetPassword ? passwordForm() : .empty)
            """
        }

        func grantForm() -> HTML {
            """
            <h2>\(ctx.t("Cấp vai trò", "Grant a role"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.grantRole(person: model.personID))">\(ctx.csrfField)
              \(RoleSelect(ctx: ctx, roles: model.grantableRoles))
              \(FormField.select(ctx.t("Trên đơn vị", "On unit"), Select(name: "unitID", model.grantUnits, selected: nil, value: \.id.uuidString, label: \.name)))
              <button type="submit">\(ctx.t("Cấp", "Grant"))</button>
            </form>
            """
        }

        func passwordForm() -> HTML {
            """
            <h2>\(ctx.t("Đặt lại mật khẩu", "Reset the password"))</h2>
            <form class="stack" method="post" action="\(DirectoryRoute.resetPassword(person: model.personID))">\(ctx.csrfField)
              <label>\(ctx.t("Mật khẩu mới (≥ 10 ký tự)", "New password (≥ 10 characters)")) <input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
              <button type="submit">\(ctx.t("Đặt lại", "Reset"))</button>
            </form>
            """
        }
    }
}
