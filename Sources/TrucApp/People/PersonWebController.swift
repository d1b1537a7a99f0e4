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
        let principal = try req.requirePrincipal()
        let model = try await PersonShow.Model.query(person, for: principal, on: req.db)
        return PersonShow.View(ctx: PageContext(req), model: model).document()
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
        return req.redirect(to: DirectoryRoute.person(try person.requireID()), flash: Flash(.saved))
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
        return req.redirect(to: DirectoryRoute.person(try person.requireID()))
    }

    func withdraw(req: Request) async throws -> Response {
        let person = try await PersonAPIController.find(req, .read)
        guard let roleID = req.parameters.get("roleID", as: UUID.self),
              let assignment = try await RoleAssignment.find(roleID, on: req.db),
              try assignment.$person.id == person.requireID()
        else { throw Abort(.notFound, reason: "No such role assignment.") }
        let principal = try req.authorize(.manageUnit, on: assignment.$unit.id)
        try await PeopleService.withdraw(assignment, from: person, by: principal, db: req.db)
        return req.redirect(to: DirectoryRoute.person(try person.requireID()))
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
        return req.redirect(to: DirectoryRoute.person(try person.requireID()), flash: Flash(.passwordReset))
    }
}
