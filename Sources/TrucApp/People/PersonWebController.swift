import Fluent
import TrucCore
import Vapor

/// A person's page: details, roles, and for unit admins the forms to edit, grant or withdraw roles,
/// deactivate and reset the password.
struct PersonWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(DirectoryRoute.person(.routeKey), use: show)
        routes.on(DirectoryRoute.updatePerson(.routeKey), use: update)
        routes.on(DirectoryRoute.grantRole(person: .routeKey), use: grant)
        routes.on(DirectoryRoute.withdrawRole(person: .routeKey, role: .routeKey), use: withdraw)
        routes.on(DirectoryRoute.resetPassword(person: .routeKey), use: resetPassword)
    }

    func show(req: Request) async throws -> HTML {
        let person = try await PersonAPIController.find(req, .read)
        let personID = try person.requireID()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let unit = try await person.$unit.get(on: req.db)
        let roles = try await RoleAssignment.query(on: req.db).filter(\.$person.$id == personID).with(\.$unit).all()
        // The forms show only what the management rule allows this viewer to do to this person.
        let target = PersonManagement.Target(personID: personID, homeUnitID: person.$unit.id,
                                             grants: roles.map { AccessPolicy.Grant(unitID: $0.$unit.id, role: $0.role) })
        func may(_ action: PersonAction) -> Bool {
            PersonManagement.refusal(action, by: principal.policy, actorID: principal.personID, on: target) == nil
        }
        let manages = may(.editProfile)
        let othersActive = roles.contains { $0.role == .coordinator }
            ? try await PeopleService.otherActiveCoordinators(than: personID, on: req.db) : 0
        // Units on which the viewer may grant roles: the person's unit and those below it that the viewer manages.
        let tree = principal.policy.tree
        let grantable = try await OrgUnit.query(on: req.db).filter(\.$id ~~ Array(tree.subtree(of: person.$unit.id))).sort(\.$name).all()
            .filter { principal.policy.allows(.manageUnit, on: $0.id!) }
        let roleOptions: HTML = Role.allCases.filter { !PersonManagement.provinceWideRoles.contains($0) || principal.isCoordinator }
            .html { "<option value=\"\($0.rawValue)\"\($0 == .dutyOfficer ? HTML(raw: " selected") : .empty)>\(ctx.role($0))</option>" }
        let grantForm: HTML = """
        <h2>\(ctx.t("Cấp vai trò", "Grant a role"))</h2>
        <form class="stack" method="post" action="/people/\(personID)/roles">\(ctx.csrfField)
          <label>\(ctx.t(.role)) <select name="role">\(roleOptions)</select></label>
          <label>\(ctx.t("Trên đơn vị", "On unit")) <select name="unitID">\(grantable.html { "<option value=\"\($0.id)\">\($0.name)</option>" })</select></label>
          <button type="submit">\(ctx.t("Cấp", "Grant"))</button>
        </form>
        """
        let passwordForm: HTML = """
        <h2>\(ctx.t("Đặt lại mật khẩu", "Reset the password"))</h2>
        <form class="stack" method="post" action="/people/\(personID)/password">\(ctx.csrfField)
          <label>\(ctx.t("Mật khẩu mới (≥ 10 ký tự)", "New password (≥ 10 characters)")) <input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
          <button type="submit">\(ctx.t("Đặt lại", "Reset"))</button>
        </form>
        """
        let forms: HTML = manages ? """
        <h2>\(ctx.t("Sửa thông tin", "Edit details"))</h2>
        <form class="stack" method="post" action="/people/\(personID)">\(ctx.csrfField)
          <label>\(ctx.t("Họ tên", "Full name")) <input name="fullName" required value="\(person.fullName)"></label>
          <label>\(ctx.t(.jobTitle)) <input name="title" value="\(person.title)"></label>
          <label>\(ctx.t(.phone)) <input name="phone" value="\(person.phone)"></label>
          <label>\(ctx.t(.status)) <select name="isActive">
            <option value="true"\(person.isActive ? HTML(raw: " selected") : .empty)>\(ctx.t("Đang hoạt động", "Active"))</option>
            <option value="false"\(person.isActive ? .empty : HTML(raw: " selected"))>\(ctx.t("Ngừng hoạt động (không đăng nhập được)", "Inactive (cannot sign in)"))</option>
          </select></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        \(may(.grantRole) ? grantForm : .empty)
        \(may(.resetPassword) ? passwordForm : .empty)
        """ : .empty
        return PageFrame.page(ctx, title: person.fullName, body: """
        <h1>\(person.fullName)\(person.isActive ? .empty : " <span class=\"badge s-overdue\">\(ctx.t("Ngừng hoạt động", "Inactive"))</span>" as HTML)</h1>
        <p>\(person.title ?? "") · <a href="/units/\(unit.id)">\(unit.name)</a></p>
        <p>\(ctx.t(.phone)): \(person.phone ?? "—") · Email: <a href="mailto:\(person.email)">\(person.email)</a></p>
        <p><a href="/people/\(personID)/roster.ics">\(ctx.t("Lịch trực (.ics)", "Duty calendar (.ics)"))</a></p>
        <h2>\(ctx.t("Vai trò", "Roles"))</h2>
        <table><thead><tr><th>\(ctx.t(.role))</th><th>\(ctx.t(.unit))</th><th></th></tr></thead>
        <tbody>\(roles.html { r in
            let canWithdraw = PersonManagement.withdrawRefusal(.init(unitID: r.$unit.id, role: r.role), by: principal.policy, actorID: principal.personID,
                                                               from: target, otherActiveCoordinators: othersActive) == nil
            return """
            <tr><td>\(ctx.role(r.role))</td><td><a href="/units/\(r.unit.id)">\(r.unit.name)</a></td>
            <td>\(canWithdraw ? "<form method=\"post\" action=\"/people/\(personID)/roles/\(r.id)/delete\" class=\"inline\">\(ctx.csrfField)<button>\(ctx.t("Thu hồi", "Withdraw"))</button></form>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        \(forms)
        """)
    }

    struct PersonForm: Content, LimitedInput {
        var fullName: String?
        var title: String?
        var phone: String?
        var isActive: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            PersonInput.checkLimits(&check, email: nil, fullName: fullName, title: title, phone: phone, password: nil)
            check.text("isActive", isActive, TextLimit.code)
        }
    }

    func update(req: Request) async throws -> Response {
        let person = try await PersonAPIController.find(req, .manageUnit)
        let principal = try req.requirePrincipal()
        let form = try req.input(PersonForm.self)
        let ctx = PageContext(req)
        guard let name = form.fullName.nonEmpty else { throw Abort(.badRequest, reason: ctx.t("Cần nhập họ tên.", "A full name is required.")) }
        let patch = PersonPatch(fullName: name, title: form.title ?? "", phone: form.phone ?? "",
                                isActive: form.isActive.map { $0 == "true" }, password: nil)
        try await PeopleService.update(person, with: patch, by: principal, on: req.db, hasher: req.password.async)
        return req.redirect(to: "/people/\(person.id!)", flash: Flash(.saved))
    }

    struct RoleForm: Content, LimitedInput {
        var role: String?
        var unitID: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("role", role, TextLimit.code)
            check.text("unitID", unitID, TextLimit.code)
        }
    }

    func grant(req: Request) async throws -> Response {
        let person = try await PersonAPIController.find(req, .read)
        let form = try req.input(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw Abort(.badRequest, reason: "role: unknown role") }
        guard let unitID = form.unitID.flatMap(UUID.init(uuidString:)) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
        let principal = try req.authorize(.manageUnit, on: unitID)
        try await PeopleService.grant(role, on: unitID, to: person, by: principal, db: req.db)
        return req.redirect(to: "/people/\(person.id!)")
    }

    func withdraw(req: Request) async throws -> Response {
        let person = try await PersonAPIController.find(req, .read)
        guard let roleID = req.parameters.get("roleID", as: UUID.self),
              let assignment = try await RoleAssignment.find(roleID, on: req.db),
              try assignment.$person.id == person.requireID()
        else { throw Abort(.notFound, reason: "No such role assignment.") }
        let principal = try req.authorize(.manageUnit, on: assignment.$unit.id)
        try await PeopleService.withdraw(assignment, from: person, by: principal, db: req.db)
        return req.redirect(to: "/people/\(person.id!)")
    }

    struct PasswordForm: Content, LimitedInput {
        var password: String?
        func checkLimits(_ check: inout TextLimitCheck) { check.text("password", password, TextLimit.password) }
    }

    func resetPassword(req: Request) async throws -> Response {
        let person = try await PersonAPIController.find(req, .manageUnit)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        guard let password = try req.input(PasswordForm.self).password, password.count >= 10, password.count <= 200 else {
            throw Abort(.badRequest, reason: ctx.t("Mật khẩu cần từ 10 đến 200 ký tự.", "The password needs 10 to 200 characters."))
        }
        try await PeopleService.update(person, with: PersonPatch(password: password), by: principal, on: req.db, hasher: req.password.async)
        if person.id == principal.personID {
            // Their own change ended all their sessions: this browser gets a fresh one.
            try await WebSignIn.begin(req, personID: principal.personID)
        }
        return req.redirect(to: "/people/\(person.id!)", flash: Flash(.passwordReset))
    }
}
