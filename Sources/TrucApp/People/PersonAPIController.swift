import Fluent
import TrucCore
import Vapor

/// People of units and their roles.
struct PersonAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.grant, use: grant)
        routes.on(API.revokeRole, use: revokeRole)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/people", summary: "People of a unit", tag: "People",
              query: APIOperation.paging, reply: .page("Person"))
        static let create = APIOperation(method: .POST, path: "/api/v1/people", summary: "Add a person to a unit, with roles", tag: "People",
              body: .json("PersonInput"), reply: .created("Person"))
        static let show = APIOperation(method: .GET, path: "/api/v1/people/{personID}", summary: "One person with roles", tag: "People", reply: .json("Person"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/people/{personID}", summary: "Change a person (name, phone, active, password)", tag: "People",
              body: .json("PersonPatch"), reply: .json("Person"))
        static let grant = APIOperation(method: .POST, path: "/api/v1/people/{personID}/roles", summary: "Grant a role on a unit", tag: "People",
              body: .json("RoleInput"), reply: .created("Person"))
        static let revokeRole = APIOperation(method: .DELETE, path: "/api/v1/people/{personID}/roles/{roleID}", summary: "Withdraw a role", tag: "People", reply: .noContent)
    }

    static let operations: [APIOperation] = [API.list, API.create, API.show, API.update, API.grant, API.revokeRole]

    func list(req: Request) async throws -> Page<PersonDTO> {
        let unit = try await req.findUnit()
        let page = try await Person.query(on: req.db).filter(\.$unit.$id == unit.requireID())
            .with(\.$roles).sort(\.$fullName).page(req.paging())
        return page.map { $0.dto(roles: $0.roles) }
    }

    func show(req: Request) async throws -> PersonDTO {
        let person = try await Self.find(req, .read)
        return person.dto(roles: try await person.$roles.get(on: req.db))
    }

    func create(req: Request) async throws -> Response {
        try PersonInput.validate(content: req)
        let input = try req.input(PersonInput.self)
        let principal = try req.authorize(.manageUnit, on: input.unitID)
        let person = try await PeopleService.create(input, by: principal, on: req.db, hasher: req.password.async)
        let response = Response(status: .created)
        try response.content.encode(person.dto(roles: try await person.$roles.get(on: req.db)))
        return response
    }

    func update(req: Request) async throws -> PersonDTO {
        let person = try await Self.find(req, .manageUnit)
        let principal = try req.requirePrincipal()
        try PersonPatch.validate(content: req)
        let patch = try req.input(PersonPatch.self)
        try await PeopleService.update(person, with: patch, by: principal, on: req.db, hasher: req.password.async)
        return person.dto(roles: try await person.$roles.get(on: req.db))
    }

    func grant(req: Request) async throws -> Response {
        let person = try await Self.find(req, .read)
        try RoleInput.validate(content: req)
        let input = try req.input(RoleInput.self)
        let principal = try req.authorize(.manageUnit, on: input.unitID)
        try await PeopleService.grant(input.role, on: input.unitID, to: person, by: principal, db: req.db)
        let response = Response(status: .created)
        try response.content.encode(person.dto(roles: try await person.$roles.get(on: req.db)))
        return response
    }

    func revokeRole(req: Request) async throws -> HTTPStatus {
        let person = try await Self.find(req, .read)
        guard let roleID = req.parameters.get("roleID", as: UUID.self),
              let assignment = try await RoleAssignment.find(roleID, on: req.db),
              try assignment.$person.id == person.requireID()
        else { throw Abort(.notFound, reason: "No such role assignment.") }
        let principal = try req.authorize(.manageUnit, on: assignment.$unit.id)
        try await PeopleService.withdraw(assignment, from: person, by: principal, db: req.db)
        return .noContent
    }

    /// The person named by `:personID` if the caller has `permission` on their unit (404 when they can't see it).
    static func find(_ req: Request, _ permission: Permission) async throws -> Person {
        guard let id = req.parameters.get("personID", as: UUID.self) else { throw Abort(.badRequest, reason: "personID must be a UUID") }
        guard let person = try await Person.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such person.") }
        try req.authorize(permission, on: person.$unit.id)
        return person
    }
}

struct PersonInput: Content, Validatable, LimitedInput {
    struct RoleOnUnit: Content {
        var unitID: UUID?
        var role: Role
    }
    var unitID: UUID
    var email: String
    var fullName: String
    var title: String?
    var phone: String?
    /// Optional: a person without a password can't sign in (contact-only).
    var password: String?
    /// Roles to grant; `unitID` defaults to the person's unit.
    var roles: [RoleOnUnit]?

    func checkLimits(_ check: inout TextLimitCheck) {
        Self.checkLimits(&check, email: email, fullName: fullName, title: title, phone: phone, password: password)
        check.entries("roles", roles?.count, TextLimit.listEntries)
    }

    /// The limits of a person's texts, for the API and the web forms.
    static func checkLimits(_ check: inout TextLimitCheck, email: String?, fullName: String?, title: String?, phone: String?,
                            password: String?) {
        check.text("email", email, TextLimit.email)
        check.text("fullName", fullName, TextLimit.name)
        check.text("title", title, TextLimit.name)
        check.text("phone", phone, TextLimit.phone)
        check.text("password", password, TextLimit.password)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("email", as: String.self, is: .email, customFailureDescription: "email must be a valid e-mail address")
        validations.add("fullName", as: String.self, is: .count(1...), customFailureDescription: "fullName is required")
        validations.add("password", as: String?.self, is: .nil || .count(10...), required: false,
                        customFailureDescription: "password must be at least 10 characters")
    }
}

struct PersonPatch: Content, Validatable, LimitedInput {
    var fullName: String?
    var title: String?
    var phone: String?
    var isActive: Bool?
    var password: String?

    func checkLimits(_ check: inout TextLimitCheck) {
        PersonInput.checkLimits(&check, email: nil, fullName: fullName, title: title, phone: phone, password: password)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("fullName", as: String?.self, is: .nil || .count(1...), required: false)
        validations.add("password", as: String?.self, is: .nil || .count(10...), required: false,
                        customFailureDescription: "password must be at least 10 characters")
    }
}

struct RoleInput: Content, Validatable, LimitedInput {
    var unitID: UUID
    var role: Role
    func checkLimits(_ check: inout TextLimitCheck) {}
    static func validations(_ validations: inout Validations) {
        validations.add("role", as: String.self, is: .in(Role.allCases.map(\.rawValue)),
                        customFailureDescription: "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}

/// Rules for people and roles, shared by the API, the web pages and the create-admin command.
enum PeopleService {
    static func create(_ input: PersonInput, by principal: Principal?, on db: any Database, hasher: AsyncPasswordHasher) async throws -> Person {
        let email = input.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard try await OrgUnit.find(input.unitID, on: db) != nil else { throw Abort(.unprocessableEntity, reason: "unitID: no such unit") }
        if try await Person.query(on: db).filter(\.$email == email).first() != nil {
            throw Abort(.conflict, reason: "Somebody with e-mail \(email) already exists.")
        }
        if let principal {
            // The create-admin command has no principal; everybody else needs the rule for each role.
            guard principal.policy.allows(.manageUnit, on: input.unitID) else {
                throw BilingualError(ManagementRefusal.unitNotManaged(input.unitID))
            }
            for role in input.roles ?? [] {
                if let refusal = PersonManagement.grantRefusal(role.role, on: role.unitID ?? input.unitID, by: principal.policy,
                                                               actorID: principal.personID, to: nil) {
                    throw BilingualError(refusal)
                }
            }
        }
        let hash = try await input.password.asyncMap { try await hasher.hash($0) }
        let person = Person(unitID: input.unitID, email: email, fullName: input.fullName, title: input.title,
                            phone: input.phone, passwordHash: hash)
        try await db.transaction { db in
            try await person.create(on: db)
            var roles: [RoleAssignment] = []
            for role in input.roles ?? [] {
                let assignment = RoleAssignment(personID: try person.requireID(), unitID: role.unitID ?? input.unitID, role: role.role)
                try await assignment.create(on: db)
                roles.append(assignment)
            }
            try await Audit.record("person.create", entity: "person", id: person.id?.uuidString, unitID: input.unitID,
                                   after: person.dto(roles: roles), by: principal, on: db)
        }
        return person
    }

    static func update(_ person: Person, with patch: PersonPatch, by principal: Principal, on db: any Database, hasher: AsyncPasswordHasher) async throws {
        let actions = actions(of: patch, on: person)
        try await requireManagement(actions, on: person, by: principal, db: db)
        // A reset password or a deactivation ends the person's sessions and tokens (their own change: the sessions).
        let revocation: CredentialRevocation.Reason? = patch.isActive == false && person.isActive ? .deactivation
            : patch.password == nil ? nil : person.id == principal.personID ? .ownPasswordChange : .passwordReset
        let before = person.dto()
        if let name = patch.fullName { person.fullName = name }
        if let title = patch.title { person.title = title.isEmpty ? nil : title }
        if let phone = patch.phone { person.phone = phone.isEmpty ? nil : phone }
        if let active = patch.isActive { person.isActive = active }
        if let password = patch.password {
            person.passwordHash = try await hasher.hash(password)
            person.failedLogins = 0
            person.lockedUntil = nil
        }
        try await db.transaction { db in
            if let revocation { try await CredentialRevocation.revoke(person, reason: revocation, by: principal, on: db) }
            try await person.save(on: db)
            let after = person.dto()
            try await Audit.record(patch.password != nil ? "person.update+password" : "person.update", entity: "person",
                                   id: person.id?.uuidString, unitID: person.$unit.id, before: before, after: after, by: principal, on: db)
        }
    }

    static func grant(_ role: Role, on unitID: UUID, to person: Person, by principal: Principal, db: any Database) async throws {
        let target = try await managementTarget(person, on: db)
        if let refusal = PersonManagement.grantRefusal(role, on: unitID, by: principal.policy, actorID: principal.personID, to: target) {
            throw BilingualError(refusal)
        }
        guard try await OrgUnit.find(unitID, on: db) != nil else { throw Abort(.unprocessableEntity, reason: "unitID: no such unit") }
        let personID = try person.requireID()
        if try await RoleAssignment.query(on: db).filter(\.$person.$id == personID).filter(\.$unit.$id == unitID)
            .filter(\.$role == role).first() != nil { return }
        let assignment = RoleAssignment(personID: personID, unitID: unitID, role: role)
        try await db.transaction { db in
            try await assignment.create(on: db)
            try await Audit.record("role.grant", entity: "role_assignment", id: assignment.id?.uuidString, unitID: unitID,
                                   after: ["person": personID.uuidString, "unit": unitID.uuidString, "role": role.rawValue],
                                   by: principal, on: db)
        }
    }

    static func withdraw(_ assignment: RoleAssignment, from person: Person, by principal: Principal, db: any Database) async throws {
        let target = try await managementTarget(person, on: db)
        let others = assignment.role == .coordinator ? try await otherActiveCoordinators(than: target.personID, on: db) : 0
        if let refusal = PersonManagement.withdrawRefusal(.init(unitID: assignment.$unit.id, role: assignment.role), by: principal.policy,
                                                          actorID: principal.personID, from: target, otherActiveCoordinators: others) {
            throw BilingualError(refusal)
        }
        try await db.transaction { db in
            try await assignment.delete(on: db)
            try await Audit.record("role.withdraw", entity: "role_assignment", id: assignment.id?.uuidString, unitID: assignment.$unit.id,
                                   before: ["person": assignment.$person.id.uuidString, "unit": assignment.$unit.id.uuidString, "role": assignment.role.rawValue],
                                   by: principal, on: db)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case let .some(value): try await transform(value)
        case .none: nil
        }
    }
}
