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
        let model = try await ContactList.Model.query(req, for: principal)
        return ContactList.View(ctx: PageContext(req), model: model).document()
    }

    func vcard(req: Request) async throws -> Response {
        let contacts = try await ContactDirectory.query(req).limit(5000).all()
        return try await ContactDirectory.vcardResponse(contacts, on: req.db, threadPool: req.application.threadPool)
    }

    func delete(req: Request) async throws -> Response {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        try await ContactDirectory.delete(contact, by: principal, on: req.db)
        return req.redirect(to: DirectoryRoute.contacts)
    }

    func editPage(req: Request) async throws -> HTML {
        let contact = try await ContactDirectory.find(req)
        _ = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        let model = ContactEdit.Model(contact: contact, contactID: try contact.requireID())
        return ContactEdit.View(ctx: PageContext(req), model: model).document()
    }

    func update(req: Request) async throws -> Response {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        var input = try req.input(ContactInput.self)
        input.unitID = contact.$unit.id
        let ctx = PageContext(req)
        guard input.name.nonEmptyString != nil else { throw Abort(.badRequest, reason: ctx.t("Cần nhập tên.", "A name is required.")) }
        _ = try await ContactDirectory.update(contact, with: input, by: principal, on: req.db)
        return req.redirect(to: DirectoryRoute.contacts, flash: Flash(.saved))
    }
}
