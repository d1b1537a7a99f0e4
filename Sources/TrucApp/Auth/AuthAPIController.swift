import Fluent
import TrucCore
import Vapor

/// /api/v1/auth/token, /api/v1/me, /api/v1/tokens: API sign-in and token management.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.signIn, use: signIn)
        routes.on(API.me, use: me)
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.revoke, use: revoke)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let signIn = APIOperation(method: .POST, path: "/api/v1/auth/token", summary: "Exchange e-mail and password (and a two-factor code when it is on) for an API token", tag: "Auth",
              body: .json("SignIn"), reply: .created("APIToken"), authenticated: false)
        static let me = APIOperation(method: .GET, path: "/api/v1/me", summary: "The signed-in person with roles", tag: "Auth", reply: .json("Person"))
        static let list = APIOperation(method: .GET, path: "/api/v1/tokens", summary: "Your API tokens", tag: "Auth", query: APIOperation.paging, reply: .page("APIToken"))
        static let create = APIOperation(method: .POST, path: "/api/v1/tokens", summary: "Create an API token (the secret is shown once)", tag: "Auth",
              body: .json("TokenInput"), reply: .created("APIToken"))
        static let revoke = APIOperation(method: .DELETE, path: "/api/v1/tokens/{tokenID}", summary: "Revoke an API token", tag: "Auth", reply: .noContent)
    }

    static let operations: [APIOperation] = [API.signIn, API.me, API.list, API.create, API.revoke]

    struct SignIn: Content, Validatable {
        var email: String
        var password: String
        var name: String?
        /// A code from the authenticator, or a recovery code, when two-factor sign-in is on.
        var code: String?
        static func validations(_ validations: inout Validations) {
            validations.add("email", as: String.self, is: .count(1...TextLimit.email), customFailureDescription: "email: 1 to \(TextLimit.email) characters")
            validations.add("password", as: String.self, is: .count(1...1024), customFailureDescription: "password: 1 to 1024 characters")
            validations.add("name", as: String?.self, is: .nil || .count(...100), required: false, customFailureDescription: "name: at most 100 characters")
            validations.add("code", as: String?.self, is: .nil || .count(...20), required: false, customFailureDescription: "code: at most 20 characters")
        }
    }

    struct TokenInput: Content, Validatable, LimitedInput {
        /// The longest token name: 100.
        static let nameLimit = 100
        var name: String
        var expiresInDays: Int?
        func checkLimits(_ check: inout TextLimitCheck) { check.text("name", name, Self.nameLimit) }
        static func validations(_ validations: inout Validations) {
            validations.add("name", as: String.self, is: .count(1...), customFailureDescription: "name is required")
            validations.add("expiresInDays", as: Int?.self, is: .nil || .range(1...3650), required: false)
        }
    }

    func signIn(req: Request) async throws -> Response {
        try SignIn.validate(content: req)
        let input = try req.content.decode(SignIn.self)
        switch try await PasswordLogin.attempt(email: input.email, password: input.password, device: nil, on: req) {
        case .invalid:
            throw Abort(.unauthorized, reason: "Wrong e-mail or password.")
        case let .throttled(seconds):
            return try Self.tooManyRequests("Too many failed sign-ins. Try again in \(seconds) seconds.", retryAfter: seconds)
        case let .success(personID):
            if try await TwoFactorService.isEnabled(personID: personID, on: req.db) {
                guard let code = input.code.nonEmpty else {
                    throw Abort(.unauthorized, reason: "A two-factor code is required: send the code from your authenticator (or a recovery code) as 'code'.")
                }
                switch try await TwoFactorGuard.checkCode(code, personID: personID, on: req) {
                case .passed: break
                case .wrong: throw Abort(.unauthorized, reason: "Wrong two-factor code (or already used).")
                case let .throttled(seconds):
                    return try Self.tooManyRequests("Too many wrong two-factor codes. Try again in \(seconds) seconds.", retryAfter: seconds)
                }
            } else if try await TwoFactorService.isRequired(personID: personID, on: req.db) {
                throw Abort(.forbidden, reason: "Your role requires two-factor sign-in: enrol on the web at /account/two-factor first.")
            }
            guard let principal = try await Principal.load(personID: personID, tokenID: nil, on: req.db) else { throw Abort(.unauthorized) }
            try await SignInFamiliarity.remember(account: principal.email, source: req.clientSource, device: nil, now: req.signInNow, on: req.db)
            let (token, secret) = try await TokenService.issue(name: input.name ?? "api", expiresInDays: 90, for: principal, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(token.dto(secret: secret))
            return response
        }
    }

    /// 429 with Retry-After, in the API's error shape.
    static func tooManyRequests(_ reason: String, retryAfter seconds: Int) throws -> Response {
        let response = Response(status: .tooManyRequests)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        try response.content.encode(ErrorPageMiddleware.ErrorBody(error: true, reason: reason))
        return response
    }

    func me(req: Request) async throws -> PersonDTO {
        let principal = try req.requirePrincipal()
        guard let person = try await Person.find(principal.personID, on: req.db) else { throw Abort(.notFound) }
        let roles = try await RoleAssignment.query(on: req.db).filter(\.$person.$id == principal.personID).all()
        return person.dto(roles: roles)
    }

    func list(req: Request) async throws -> Page<APITokenDTO> {
        let principal = try req.requirePrincipal()
        return try await APIToken.query(on: req.db).filter(\.$person.$id == principal.personID)
            .sort(\.$createdAt, .descending).page(req.paging()).map { $0.dto() }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try TokenInput.validate(content: req)
        let input = try req.input(TokenInput.self)
        let (token, secret) = try await TokenService.issue(name: input.name, expiresInDays: input.expiresInDays, for: principal, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(token.dto(secret: secret))
        return response
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("tokenID", as: UUID.self) else { throw Abort(.badRequest, reason: "tokenID must be a UUID") }
        try await TokenService.revoke(id, by: principal, on: req.db)
        return .noContent
    }
}

/// Issuing and revoking API tokens, shared by the API and the web page.
enum TokenService {
    static func issue(name: String, expiresInDays: Int?, for principal: Principal, on db: any Database) async throws -> (APIToken, String) {
        let secret = TokenSecret.generate()
        let token = APIToken(personID: principal.personID, name: name, tokenHash: TokenSecret.hash(secret),
                             prefix: String(secret.prefix(10)),
                             expiresAt: expiresInDays.map { Date().addingTimeInterval(TimeInterval($0) * 86_400) })
        try await db.transaction { db in
            try await token.create(on: db)
            try await Audit.record("token.create", entity: "api_token", id: token.id?.uuidString, unitID: nil,
                                   after: token.dto(), by: principal, on: db)
        }
        return (token, secret)
    }

    /// A person revokes their own tokens; a coordinator may revoke anyone's.
    static func revoke(_ id: UUID, by principal: Principal, on db: any Database) async throws {
        guard let token = try await APIToken.find(id, on: db),
              token.$person.id == principal.personID || principal.isCoordinator
        else { throw Abort(.notFound, reason: "No such token.") }
        guard token.revokedAt == nil else { return }
        let before = token.dto()
        token.revokedAt = Date()
        try await db.transaction { db in
            try await token.save(on: db)
            try await Audit.record("token.revoke", entity: "api_token", id: id.uuidString, unitID: nil,
                                   before: before, after: token.dto(), by: principal, on: db)
        }
    }
}
