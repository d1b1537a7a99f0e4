import Fluent
import Vapor

/// The searchable contact directory page, with vCard export.
struct ContactWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(DirectoryRoute.contacts, use: list)
        routes.on(DirectoryRoute.contactsVCard, use: vcard)
        routes.on(DirectoryRoute.deleteContact(.routeKey), use: delete)
        routes.on(DirectoryRoute.editContact(.routeKey), use: editPage)
        routes.on(DirectoryRoute.updateContact(.routeKey), use: update)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let page = try await ContactDirectory.query(req).with(\.$unit).page(req.paging())
        let q = req.query[String.self, at: "q"] ?? ""
        let exportQuery = req.url.query.map { "?\($0)" } ?? ""
        return PageFrame.page(ctx, title: ctx.t(.contacts), body: """
        <h1>\(ctx.t("Danh bạ liên hệ", "Contact directory"))</h1>
        <form method="get" action="/contacts">
          <input name="q" value="\(q)" placeholder="\(ctx.t("Tìm tên, đơn vị, số điện thoại, email", "Search name, unit, phone, e-mail"))">
          <label><input type="checkbox" name="national" value="true"\(req.query[Bool.self, at: "national"] == true ? HTML(raw: " checked") : .empty)> \(ctx.t("Chỉ đầu mối quốc gia", "National contacts only"))</label>
          <button>\(ctx.t(.search))</button>
          <a href="/contacts/vcard\(exportQuery)">\(ctx.t("Xuất vCard", "Export vCard"))</a>
        </form>
        <table><thead><tr><th>\(ctx.t(.name))</th><th>\(ctx.t("Đơn vị / Tổ chức", "Unit / organisation"))</th><th>\(ctx.t(.phone))</th>
        <th>\(ctx.t(.hotline))</th><th>Email</th><th>\(ctx.t(.note))</th><th></th></tr></thead>
        <tbody>\(page.items.html { c in
            let canDelete = c.$unit.id.map { principal.policy.allows(.manageUnit, on: $0) } ?? principal.isCoordinator
            let org: HTML = c.unit.map { "<a href=\"/units/\($0.id)\">\($0.name)</a>" } ?? "<span class=\"badge\">\(ctx.t("Quốc gia", "National"))</span> \(c.organization ?? "")"
            return """
            <tr><td>\(c.name)\(c.title.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</td><td>\(org)</td>
            <td>\(c.phone.map { "<a href=\"tel:\($0.filter { $0.isNumber || $0 == "+" })\">\($0)</a>" as HTML } ?? .empty)</td>
            <td>\(c.hotline.map { "<a href=\"tel:\($0.filter { $0.isNumber || $0 == "+" })\">\($0)</a>" as HTML } ?? .empty)</td>
            <td>\(c.email.map { "<a href=\"mailto:\($0)\">\($0)</a>" as HTML } ?? .empty)</td><td>\(c.note)</td>
            <td>\(canDelete ? "<a href=\"/contacts/\(c.id)/edit\">\(ctx.t(.edit))</a> <form method=\"post\" action=\"/contacts/\(c.id)/delete\" class=\"inline\">\(ctx.csrfField)<button>\(ctx.t("Xóa", "Delete"))</button></form>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        <p class="muted">\(ctx.t("Thêm liên hệ của đơn vị tại trang đơn vị.", "Add a unit's contacts on the unit's page."))</p>
        """)
    }

    func vcard(req: Request) async throws -> Response {
        let contacts = try await ContactDirectory.query(req).limit(5000).all()
        return try await ContactDirectory.vcardResponse(contacts, on: req.db, threadPool: req.application.threadPool)
    }

    func delete(req: Request) async throws -> Response {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        try await ContactDirectory.delete(contact, by: principal, on: req.db)
        return req.redirect(to: "/contacts")
    }

    func editPage(req: Request) async throws -> HTML {
        let contact = try await ContactDirectory.find(req)
        _ = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        let ctx = PageContext(req)
        return PageFrame.page(ctx, title: ctx.t("Sửa liên hệ", "Edit contact"), body: """
        <h1>\(ctx.t("Sửa liên hệ", "Edit contact"))</h1>
        <form class="stack" method="post" action="/contacts/\(contact.id)">\(ctx.csrfField)
          <label>\(ctx.t(.name)) <input name="name" required maxlength="300" value="\(contact.name)"></label>
          <label>\(ctx.t("Tổ chức", "Organisation")) <input name="organization" value="\(contact.organization)"></label>
          <label>\(ctx.t(.jobTitle)) <input name="title" value="\(contact.title)"></label>
          <label>\(ctx.t(.phone)) <input name="phone" value="\(contact.phone)"></label>
          <label>\(ctx.t(.hotline)) <input name="hotline" value="\(contact.hotline)"></label>
          <label>Email <input name="email" type="email" value="\(contact.email)"></label>
          <label>\(ctx.t(.note)) <input name="note" value="\(contact.note)"></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        """)
    }

    func update(req: Request) async throws -> Response {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        var input = try req.input(ContactInput.self)
        input.unitID = contact.$unit.id
        let ctx = PageContext(req)
        guard input.name.nonEmptyString != nil else { throw Abort(.badRequest, reason: ctx.t("Cần nhập tên.", "A name is required.")) }
        _ = try await ContactDirectory.update(contact, with: input, by: principal, on: req.db)
        return req.redirect(to: "/contacts", flash: Flash(.saved))
    }
}
