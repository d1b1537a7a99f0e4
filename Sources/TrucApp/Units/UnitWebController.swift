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
        let model = try await UnitList.Model.query(for: principal, q: req.query[String.self, at: "q"], paging: req.paging(), on: req.db)
        return UnitList.View(ctx: PageContext(req), model: model).document()
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
        return req.redirect(to: DirectoryRoute.unit(try unit.requireID()))
    }

    func show(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.requirePrincipal()
        let model = try await UnitShow.Model.query(unit, for: principal, on: req.db)
        return UnitShow.View(ctx: PageContext(req), model: model).document()
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
        return req.redirect(to: DirectoryRoute.unit(try unit.requireID()), flash: Flash(.saved))
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
        return req.redirect(to: DirectoryRoute.unit(unitID), flash: Flash(.personAdded))
    }

    func addContact(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageUnit, on: unitID)
        var input = try req.input(ContactInput.self)
        input.unitID = unitID
        guard input.name.nonEmptyString != nil else { throw Abort(.badRequest, reason: PageContext(req).t("Cần nhập tên.", "A name is required.")) }
        _ = try await ContactDirectory.create(input, by: principal, on: req.db)
        return req.redirect(to: DirectoryRoute.unit(unitID))
    }
}
