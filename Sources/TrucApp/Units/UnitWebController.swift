import Fluent
import TrucCore
import Vapor

/// Pages for units: the list, one unit with its people and contacts, and the forms to add them.
struct UnitWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(DirectoryRoute.units, use: list)
        routes.on(DirectoryRoute.createUnit, use: create)
        routes.on(DirectoryRoute.unit(.routeKey), use: show)
        routes.on(DirectoryRoute.updateUnit(.routeKey), use: update)
        routes.on(DirectoryRoute.addPerson(unit: .routeKey), use: addPerson)
        routes.on(DirectoryRoute.addContact(unit: .routeKey), use: addContact)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let query = OrgUnit.query(on: req.db).with(\.$parent).sort(\.$name)
        if let readable = principal.policy.units(with: .read) { query.filter(\.$id ~~ Array(readable)) }
        if let q = req.query[String.self, at: "q"], !q.isEmpty {
            query.group(.or) { $0.filter(\.$name, .custom("LIKE"), "%\(q)%").filter(\.$code, .custom("LIKE"), "%\(q)%") }
        }
        let page = try await query.page(req.paging())
        let form: HTML
        if principal.isCoordinator {
            let all = try await OrgUnit.query(on: req.db).sort(\.$name).all()
            form = """
            <h2>\(ctx.t("Thêm đơn vị", "Add a unit"))</h2>
            <form class="stack" method="post" action="/units">\(ctx.csrfField)
              <label>\(ctx.t(.code)) <input name="code" required maxlength="40" pattern="[A-Za-z0-9._-]+"></label>
              <label>\(ctx.t(.name)) <input name="name" required maxlength="300"></label>
              <label>\(ctx.t(.kind)) <select name="kind">\(UnitKind.allCases.html { "<option value=\"\($0.rawValue)\">\(ctx.kind($0))</option>" })</select></label>
              <label>\(ctx.t("Đơn vị cấp trên", "Parent unit")) <select name="parentID"><option value="">—</option>\(all.html { "<option value=\"\($0.id)\">\($0.name)</option>" })</select></label>
              <label>\(ctx.t(.phone)) <input name="phone"></label>
              <label>Email <input name="email" type="email"></label>
              <button type="submit">\(ctx.t(.add))</button>
            </form>
            """
        } else {
            form = .empty
        }
        return PageFrame.page(ctx, title: ctx.t(.units), body: """
        <h1>\(ctx.t(.units))</h1>
        <form method="get" action="/units"><input name="q" value="\(req.query[String.self, at: "q"] ?? "")" placeholder="\(ctx.t("Tìm theo tên, mã", "Search name, code"))"> <button>\(ctx.t(.search))</button></form>
        <table><thead><tr><th>\(ctx.t(.code))</th><th>\(ctx.t(.name))</th><th>\(ctx.t(.kind))</th><th>\(ctx.t("Cấp trên", "Parent"))</th></tr></thead>
        <tbody>\(page.items.html { u in
          "<tr><td>\(u.code)</td><td><a href=\"/units/\(u.id)\">\(u.name)</a></td><td>\(ctx.kind(u.kind))</td><td>\(u.parent?.name ?? "")</td></tr>" })</tbody></table>
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        \(form)
        """)
    }

    struct UnitForm: Content, LimitedInput {
        var code: String?
        var name: String?
        var kind: String?
        var parentID: String?
        var phone: String?
        var email: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            UnitInput.checkLimits(&check, code: code, name: name, address: nil, phone: phone, email: email, kind: kind, parentID: parentID)
        }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let form = try req.input(UnitForm.self)
        guard let code = form.code.nonEmpty, let name = form.name.nonEmpty else {
            throw Abort(.badRequest, reason: PageContext(req).t("Cần nhập mã và tên đơn vị.", "Code and name are required."))
        }
        guard let kind = form.kind.flatMap(UnitKind.init(rawValue:)) else { throw Abort(.badRequest, reason: "kind: unknown unit kind") }
        var parentID: UUID? = nil
        if let text = form.parentID.nonEmpty {
            guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "parentID must be a UUID") }
            parentID = id
        }
        let input = UnitInput(parentID: parentID, code: code, name: name, kind: kind, address: nil, phone: form.phone.nonEmpty, email: form.email.nonEmpty)
        let unit = try await UnitDirectory.create(input, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unit.id!)")
    }

    func show(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let parent = try await unit.$parent.get(on: req.db)
        let children = try await OrgUnit.query(on: req.db).filter(\.$parent.$id == unitID).sort(\.$name).all()
        let people = try await Person.query(on: req.db).filter(\.$unit.$id == unitID).with(\.$roles).sort(\.$fullName).limit(500).all()
        let contacts = try await Contact.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).limit(500).all()
        let manages = principal.policy.allows(.manageUnit, on: unitID)
        let roleOptions: HTML = Role.allCases.filter { !PersonManagement.provinceWideRoles.contains($0) || principal.isCoordinator }
            .html { "<option value=\"\($0.rawValue)\"\($0 == .dutyOfficer ? HTML(raw: " selected") : .empty)>\(ctx.role($0))</option>" }
        let structural: HTML = principal.isCoordinator ? """
          <label>\(ctx.t(.code)) <input name="code" required maxlength="40" value="\(unit.code)"></label>
          <label>\(ctx.t(.kind)) <select name="kind">\(UnitKind.allCases.html { "<option value=\"\($0.rawValue)\"\($0 == unit.kind ? HTML(raw: " selected") : .empty)>\(ctx.kind($0))</option>" })</select></label>
          """ : .empty
        let manageForms: HTML = manages ? """
        <h2>\(ctx.t("Sửa thông tin đơn vị", "Edit the unit"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)">\(ctx.csrfField)
          <label>\(ctx.t(.name)) <input name="name" required maxlength="300" value="\(unit.name)"></label>
          \(structural)
          <label>\(ctx.t("Địa chỉ", "Address")) <input name="address" value="\(unit.address)"></label>
          <label>\(ctx.t(.phone)) <input name="phone" value="\(unit.phone)"></label>
          <label>Email <input name="email" type="email" value="\(unit.email)"></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        <h2>\(ctx.t("Thêm cán bộ", "Add a person"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/people">\(ctx.csrfField)
          <label>\(ctx.t("Họ tên", "Full name")) <input name="fullName" required></label>
          <label>Email <input name="email" type="email" required></label>
          <label>\(ctx.t(.phone)) <input name="phone"></label>
          <label>\(ctx.t(.jobTitle)) <input name="title"></label>
          <label>\(ctx.t(.role)) <select name="role">\(roleOptions)</select></label>
          <label>\(ctx.t("Mật khẩu (≥ 10 ký tự; để trống nếu chỉ là liên hệ)", "Password (≥ 10 characters; empty for a contact only)")) <input name="password" type="password" minlength="10" autocomplete="new-password"></label>
          <button type="submit">\(ctx.t(.add))</button>
        </form>
        <h2>\(ctx.t("Thêm liên hệ", "Add a contact"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/contacts">\(ctx.csrfField)
          <label>\(ctx.t(.name)) <input name="name" required></label>
          <label>\(ctx.t(.jobTitle)) <input name="title"></label>
          <label>\(ctx.t(.phone)) <input name="phone"></label>
          <label>\(ctx.t(.hotline)) <input name="hotline"></label>
          <label>Email <input name="email" type="email"></label>
          <button type="submit">\(ctx.t(.add))</button>
        </form>
        """ : .empty
        return PageFrame.page(ctx, title: unit.name, body: """
        <h1>\(unit.name) <span class="badge">\(unit.code)</span></h1>
        <p>\(ctx.kind(unit.kind))\(parent.map { " · \(ctx.t("Cấp trên", "Parent")): <a href=\"/units/\($0.id)\">\($0.name)</a>" as HTML } ?? .empty)</p>
        <p>\(ctx.t(.phone)): \(unit.phone ?? "—") · Email: \(unit.email ?? "—")</p>
        <p><a href="/units/\(unitID)/roster">\(ctx.t(.dutyRoster))</a> · <a href="/on-duty?unitID=\(unitID)">\(ctx.t(.whoIsOnDuty))</a> · <a href="/contacts?unitID=\(unitID)">\(ctx.t(.contacts))</a></p>
        \(children.isEmpty ? .empty : """
        <h2>\(ctx.t("Đơn vị trực thuộc", "Units below"))</h2>
        <ul>\(children.html { "<li><a href=\"/units/\($0.id)\">\($0.name)</a> (\(ctx.kind($0.kind)))</li>" })</ul>
        """)
        <h2>\(ctx.t("Cán bộ", "People"))</h2>
        <table><thead><tr><th>\(ctx.t(.fullName))</th><th>\(ctx.t(.jobTitle))</th><th>\(ctx.t(.phone))</th><th>Email</th><th>\(ctx.t("Vai trò", "Roles"))</th></tr></thead>
        <tbody>\(people.html { p in
          "<tr><td><a href=\"/people/\(p.id)\">\(p.fullName)</a>\(p.isActive ? .empty : " (\(ctx.t("ngừng hoạt động", "inactive")))" as HTML)</td><td>\(p.title)</td><td>\(p.phone)</td><td>\(p.email)</td><td>\(p.roles.map { ctx.role($0.role) }.joined(separator: ", "))</td></tr>" })</tbody></table>
        <h2>\(ctx.t("Liên hệ", "Contacts"))</h2>
        <table><thead><tr><th>\(ctx.t(.name))</th><th>\(ctx.t(.jobTitle))</th><th>\(ctx.t(.phone))</th><th>\(ctx.t(.hotline))</th><th>Email</th></tr></thead>
        <tbody>\(contacts.html { c in "<tr><td>\(c.name)</td><td>\(c.title)</td><td>\(c.phone)</td><td>\(c.hotline)</td><td>\(c.email)</td></tr>" })</tbody></table>
        \(manageForms)
        """)
    }

    struct UnitEditForm: Content, LimitedInput {
        var name: String?
        var code: String?
        var kind: String?
        var address: String?
        var phone: String?
        var email: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            UnitInput.checkLimits(&check, code: code, name: name, address: address, phone: phone, email: email, kind: kind)
        }
    }

    func update(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageUnit, on: unit.requireID())
        let form = try req.input(UnitEditForm.self)
        let ctx = PageContext(req)
        guard let name = form.name.nonEmpty else { throw Abort(.badRequest, reason: ctx.t("Cần nhập tên đơn vị.", "A name is required.")) }
        var kind: UnitKind? = nil
        if let text = form.kind.nonEmpty {
            guard let k = UnitKind(rawValue: text) else { throw Abort(.badRequest, reason: "kind: unknown unit kind") }
            kind = k == unit.kind ? nil : k
        }
        let code = form.code.nonEmpty.flatMap { $0 == unit.code ? nil : $0 }
        let patch = UnitPatch(parentID: nil, code: code, name: name, kind: kind, address: form.address ?? "",
                              phone: form.phone ?? "", email: form.email ?? "")
        _ = try await UnitDirectory.update(unit, with: patch, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unit.id!)", flash: Flash(.saved))
    }

    struct PersonForm: Content, LimitedInput {
        var fullName: String?
        var email: String?
        var phone: String?
        var title: String?
        var role: String?
        var password: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            PersonInput.checkLimits(&check, email: email, fullName: fullName, title: title, phone: phone, password: password)
            check.text("role", role, TextLimit.code)
        }
    }

    func addPerson(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageUnit, on: unitID)
        let form = try req.input(PersonForm.self)
        let ctx = PageContext(req)
        guard let name = form.fullName.nonEmpty, let email = form.email.nonEmpty else {
            throw Abort(.badRequest, reason: ctx.t("Cần nhập họ tên và email.", "Full name and e-mail are required."))
        }
        let password = form.password.nonEmpty
        if let password, password.count < 10 { throw Abort(.badRequest, reason: ctx.t("Mật khẩu cần ít nhất 10 ký tự.", "The password needs at least 10 characters.")) }
        var roles: [PersonInput.RoleOnUnit] = []
        if let roleText = form.role.nonEmpty {
            guard let role = Role(rawValue: roleText) else { throw Abort(.badRequest, reason: "role: unknown role") }
            roles.append(.init(unitID: unitID, role: role))
        }
        let input = PersonInput(unitID: unitID, email: email, fullName: name, title: form.title.nonEmpty, phone: form.phone.nonEmpty,
                                password: password, roles: roles)
        try PersonInput.validate(json: String(decoding: try JSONEncoder().encode(input), as: UTF8.self))
        _ = try await PeopleService.create(input, by: principal, on: req.db, hasher: req.password.async)
        return req.redirect(to: "/units/\(unitID)", flash: Flash(.personAdded))
    }

    func addContact(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageUnit, on: unitID)
        var input = try req.input(ContactInput.self)
        input.unitID = unitID
        guard input.name.nonEmptyString != nil else { throw Abort(.badRequest, reason: PageContext(req).t("Cần nhập tên.", "A name is required.")) }
        _ = try await ContactDirectory.create(input, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unitID)")
    }
}
