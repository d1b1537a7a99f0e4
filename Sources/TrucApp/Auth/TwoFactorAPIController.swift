import Fluent
import TrucCore
import Vapor

/// /api/v1/me/two-factor: one's own two-factor sign-in; /api/v1/settings/two-factor: the coordinator's requirement;
/// DELETE /api/v1/people/{personID}/two-factor: the coordinator resets somebody's (lost phone and codes).
/// The secret is in the answer that starts an enrolment and never again.
struct TwoFactorAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.status, use: status)
        routes.on(API.begin, use: begin)
        routes.on(API.confirm, use: confirm)
        routes.on(API.disable, use: disable)
        routes.on(API.regenerate, use: regenerate)
        routes.on(API.policy, use: policy)
        routes.on(API.setPolicy, use: setPolicy)
        routes.on(API.reset, use: reset)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let status = APIOperation(method: .GET, path: "/api/v1/me/two-factor", summary: "Your two-factor sign-in: on or off, recovery codes left", tag: "Auth",
              reply: .json("TwoFactorStatus"))
        static let begin = APIOperation(method: .POST, path: "/api/v1/me/two-factor", summary: "Start enrolling an authenticator (needs your password); the secret is shown only here",
              tag: "Auth", body: .json("TwoFactorPassword"), reply: .created("TwoFactorEnrolment"))
        static let confirm = APIOperation(method: .POST, path: "/api/v1/me/two-factor/confirm", summary: "Turn two-factor sign-in on with a first code; returns the recovery codes (shown once)",
              tag: "Auth", body: .json("TwoFactorCode"), reply: .json("RecoveryCodes"))
        static let disable = APIOperation(method: .POST, path: "/api/v1/me/two-factor/disable", summary: "Turn two-factor sign-in off (with a current code or your password)",
              tag: "Auth", body: .json("TwoFactorCode"), reply: .json("TwoFactorStatus"))
        static let regenerate = APIOperation(method: .POST, path: "/api/v1/me/two-factor/recovery-codes", summary: "New recovery codes (with a current code or your password); the old ones stop working",
              tag: "Auth", body: .json("TwoFactorCode"), reply: .json("RecoveryCodes"))
        static let policy = APIOperation(method: .GET, path: "/api/v1/settings/two-factor", summary: "Whether coordinators and unit admins must use two-factor sign-in",
              tag: "Auth", reply: .json("TwoFactorPolicy"))
        static let setPolicy = APIOperation(method: .PUT, path: "/api/v1/settings/two-factor", summary: "Require (or stop requiring) two-factor sign-in of coordinators and unit admins (coordinator)",
              tag: "Auth", body: .json("TwoFactorPolicy"), reply: .json("TwoFactorPolicy"))
        static let reset = APIOperation(method: .DELETE, path: "/api/v1/people/{personID}/two-factor", summary: "Reset a person's two-factor sign-in, e.g. after a lost phone (coordinator)",
              tag: "Auth", reply: .noContent)
    }

    static let operations: [APIOperation] = [API.status, API.begin, API.confirm, API.disable, API.regenerate, API.policy, API.setPolicy, API.reset]

    struct PasswordInput: Content, Validatable {
        var password: String
        static func validations(_ validations: inout Validations) {
            validations.add("password", as: String.self, is: .count(1...1024), customFailureDescription: "password is required (at most 1024 characters)")
        }
    }

    struct CodeInput: Content, Validatable {
        var code: String?
        var password: String?
        static func validations(_ validations: inout Validations) {
            validations.add("code", as: String?.self, is: .nil || .count(...20), required: false, customFailureDescription: "code: at most 20 characters")
            validations.add("password", as: String?.self, is: .nil || .count(...1024), required: false, customFailureDescription: "password: at most 1024 characters")
        }
    }

    struct CodesReply: Content {
        var codes: [String]
    }

    func me(_ req: Request) async throws -> (Principal, Person) {
        let principal = try req.requirePrincipal()
        guard let person = try await Person.find(principal.personID, on: req.db) else { throw Abort(.unauthorized) }
        return (principal, person)
    }

    func status(req: Request) async throws -> TwoFactorService.Status {
        let principal = try req.requirePrincipal()
        return try await TwoFactorService.status(personID: principal.personID, on: req.db)
    }

    func begin(req: Request) async throws -> Response {
        let (_, person) = try await me(req)
        try PasswordInput.validate(content: req)
        let input = try req.content.decode(PasswordInput.self)
        try await Self.require(try await TwoFactorGuard.checkPassword(input.password, person: person, on: req), wrong: "Wrong password.")
        return try Self.secretAnswer(try await TwoFactorService.begin(person: person, on: req.db), status: .created)
    }

    /// An answer holding a secret or recovery codes: not to be cached anywhere.
    static func secretAnswer(_ value: some Content, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func confirm(req: Request) async throws -> Response {
        let (principal, _) = try await me(req)
        try CodeInput.validate(content: req)
        let input = try req.content.decode(CodeInput.self)
        guard try await TwoFactorService.secret(of: principal.personID, on: req.db).map({ $0.confirmedAt == nil }) == true else {
            throw Abort(.conflict, reason: "No enrolment is waiting for a code: start one with POST /api/v1/me/two-factor.")
        }
        var codes: [String]?
        let outcome = try await TwoFactorGuard.guarded(personID: principal.personID, on: req) {
            codes = try await TwoFactorService.confirm(personID: principal.personID, code: input.code ?? "", now: req.signInNow, by: principal, on: req.db)
            return codes != nil
        }
        try await Self.require(outcome, wrong: "Wrong code: check the phone's clock and send the code it shows now.")
        return try Self.secretAnswer(CodesReply(codes: codes ?? []))
    }

    func disable(req: Request) async throws -> TwoFactorService.Status {
        let (principal, person) = try await me(req)
        guard try await TwoFactorService.isEnabled(personID: principal.personID, on: req.db) else {
            return try await TwoFactorService.status(personID: principal.personID, on: req.db)
        }
        if try await TwoFactorService.isRequired(personID: principal.personID, on: req.db) {
            throw Abort(.forbidden, reason: "Your role requires two-factor sign-in, so it cannot be turned off.")
        }
        try CodeInput.validate(content: req)
        let input = try req.content.decode(CodeInput.self)
        try await Self.require(try await TwoFactorGuard.checkCodeOrPassword(code: input.code, password: input.password, person: person, on: req),
                               wrong: "Wrong code or password.")
        try await TwoFactorService.disable(personID: principal.personID, by: principal, on: req.db)
        return try await TwoFactorService.status(personID: principal.personID, on: req.db)
    }

    func regenerate(req: Request) async throws -> Response {
        let (principal, person) = try await me(req)
        guard try await TwoFactorService.isEnabled(personID: principal.personID, on: req.db) else {
            throw Abort(.conflict, reason: "Two-factor sign-in is off: there are no recovery codes.")
        }
        try CodeInput.validate(content: req)
        let input = try req.content.decode(CodeInput.self)
        try await Self.require(try await TwoFactorGuard.checkCodeOrPassword(code: input.code, password: input.password, person: person, on: req),
                               wrong: "Wrong code or password.")
        return try Self.secretAnswer(CodesReply(codes: try await TwoFactorService.regenerateRecoveryCodes(personID: principal.personID, by: principal, on: req.db)))
    }

    func policy(req: Request) async throws -> TwoFactorPolicy {
        _ = try req.requirePrincipal()
        return try await TwoFactorService.policy(on: req.db)
    }

    func setPolicy(req: Request) async throws -> TwoFactorPolicy {
        let principal = try req.requireCoordinator()
        let input = try req.content.decode(TwoFactorPolicy.self)
        try await TwoFactorService.setPolicy(input, by: principal, on: req.db)
        return input
    }

    func reset(req: Request) async throws -> HTTPStatus {
        let principal = try req.requireCoordinator()
        guard let personID = req.parameters.get("personID", as: UUID.self) else { throw Abort(.badRequest, reason: "personID must be a UUID") }
        guard try await Person.find(personID, on: req.db) != nil else { throw Abort(.notFound, reason: "No such person.") }
        try await TwoFactorService.disable(personID: personID, action: "two_factor.reset", by: principal, on: req.db)
        return .noContent
    }

    /// Throws 401 for a wrong answer, 429 (with Retry-After) while throttled.
    static func require(_ outcome: TwoFactorGuard.Outcome, wrong: String) async throws {
        switch outcome {
        case .passed: return
        case .wrong: throw Abort(.unauthorized, reason: wrong)
        case let .throttled(seconds):
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(seconds)], reason: "Too many wrong attempts. Try again in \(seconds) seconds.")
        }
    }
}

extension TwoFactorPolicy: Content {}
