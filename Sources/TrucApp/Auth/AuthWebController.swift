import Fluent
import TrucCore
import Vapor

/// Sign-in and sign-out pages, language switch, API tokens page.
struct AuthWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuthRoute.login, use: loginPage)
        routes.on(AuthRoute.loginSubmit, use: login)
        routes.on(AuthRoute.logout, use: logout)
        routes.on(AuthRoute.language(.routeKey), use: language)
        routes.on(AuthRoute.tokens, use: tokensPage)
        routes.on(AuthRoute.createToken, use: createToken)
        routes.on(AuthRoute.revokeToken(.routeKey), use: revokeToken)
    }

    func loginPage(req: Request) async throws -> HTML {
        Self.loginForm(PageContext(req), next: Self.safeNext(req.query[String.self, at: "next"]), error: nil)
    }

    static func loginForm(_ ctx: PageContext, next: String, error: String?) -> HTML {
        SignIn.View(ctx: ctx, next: next, error: error).document()
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let ctx = PageContext(req)
        let next = Self.safeNext(form.next)
        guard let email = form.email.nonEmpty, let password = form.password, !password.isEmpty else {
            return try await Self.loginForm(ctx, next: next, error: ctx.t("Nhập email và mật khẩu.", "Enter your e-mail and password."))
                .encodeResponse(status: .badRequest, for: req)
        }
        guard TextLimit.fits(email, TextLimit.email), TextLimit.fits(password, 1024) else {
            return try await Self.loginForm(ctx, next: next, error: ctx.t("Email hoặc mật khẩu dài quá mức cho phép.", "The e-mail or password is longer than allowed."))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        switch try await PasswordLogin.attempt(email: email, password: password, device: SignInFamiliarity.device(of: req), on: req) {
        case .invalid:
            return try await Self.loginForm(ctx, next: next, error: ctx.t("Sai email hoặc mật khẩu.", "Wrong e-mail or password."))
                .encodeResponse(status: .unauthorized, for: req)
        case let .throttled(seconds):
            return try await Self.throttled(ctx, next: next, seconds: seconds, for: req)
        case let .success(personID):
            return try await SignInFlow.passwordAccepted(personID: personID, next: next, on: req)
        }
    }

    /// 429 with Retry-After and the sign-in form: the same for every e-mail, known or not.
    static func throttled(_ ctx: PageContext, next: String, seconds: Int, for req: Request) async throws -> Response {
        let msg = ctx.t("Đăng nhập không thành công quá nhiều lần. Hãy thử lại sau \(seconds) giây.",
                        "Too many failed sign-ins. Try again in \(seconds) seconds.")
        let response = try await Self.loginForm(ctx, next: next, error: msg).encodeResponse(status: .tooManyRequests, for: req)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        return response
    }

    /// Signs the person in: a new session id (no fixation) holding the person, with a new CSRF token; audited.
    static func startSession(personID: UUID, on req: Request) async throws {
        // A new session id (no fixation), a new CSRF token and the sign-in time the lifetimes count from.
        try await WebSignIn.begin(req, personID: personID)
        let principal = try await Principal.load(personID: personID, tokenID: nil, on: req.db)
        try await Audit.record("session.login", entity: "person", id: personID.uuidString, unitID: principal?.unitID,
                               by: principal, on: req.db)
    }

    /// Replaces the session with a new, empty one (new id, new CSRF token).
    static func renewSession(on req: Request) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[CSRFMiddleware.sessionKey] = TokenSecret.generate()
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: AuthRoute.login)
    }

    func language(req: Request) async throws -> Response {
        let lang = Lang(rawValue: req.parameters.get("code") ?? "") ?? .vi
        let response = req.redirect(to: Self.safeNext(req.query[String.self, at: "next"]))
        response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 86_400, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    func tokensPage(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let model = try await TokenList.Model.query(for: principal, paging: req.paging(), on: req.db)
        return TokenList.View(ctx: PageContext(req), model: model).document()
    }

    struct TokenForm: Content, LimitedInput {
        var name: String?
        var expiresInDays: String?
        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("name", name, AuthAPIController.TokenInput.nameLimit)
            check.text("expiresInDays", expiresInDays, TextLimit.code)
        }
    }

    func createToken(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try req.input(TokenForm.self)
        guard let name = form.name.nonEmpty, name.count <= 100 else {
            throw Abort(.badRequest, reason: PageContext(req).t("Cần nhập tên token.", "The token needs a name."))
        }
        var days: Int? = nil
        if let text = form.expiresInDays.nonEmpty {
            guard let d = Int(text), (1...3650).contains(d) else { throw Abort(.badRequest, reason: "expiresInDays: 1-3650") }
            days = d
        }
        let (_, secret) = try await TokenService.issue(name: name, expiresInDays: days, for: principal, on: req.db)
        let model = try await TokenList.Model.query(for: principal, paging: .first(), newSecret: secret, on: req.db)
        return try await TokenList.View(ctx: PageContext(req), model: model).document().encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("tokenID", as: UUID.self) else { throw Abort(.badRequest, reason: "tokenID must be a UUID") }
        try await TokenService.revoke(id, by: principal, on: req.db)
        return req.redirect(to: AuthRoute.tokens)
    }

    /// Only same-site paths (`LocalPath`), so the sign-in page and the language switch can't send people elsewhere.
    static func safeNext(_ next: String?) -> String {
        LocalPath.validated(next, or: "/")
    }
}

extension HTML {
    func encodeResponse(status: HTTPResponseStatus, for request: Request) async throws -> Response {
        let response = try await encodeResponse(for: request)
        response.status = status
        return response
    }
}
