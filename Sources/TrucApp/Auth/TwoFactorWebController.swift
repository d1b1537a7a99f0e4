import Fluent
import TrucCore
import Vapor

/// The code step of sign-in (/login/two-factor), a person's own two-factor settings (/account/two-factor) and the
/// coordinator's sign-in settings (/settings/sign-in).
struct TwoFactorWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuthRoute.twoFactorCode, use: codeStep)
        routes.on(AuthRoute.twoFactorCodeSubmit, use: verifyCode)
        routes.on(AuthRoute.twoFactorAccount, use: accountPage)
        routes.on(AuthRoute.twoFactorEnrol, use: enrol)
        routes.on(AuthRoute.twoFactorConfirm, use: confirm)
        routes.on(AuthRoute.twoFactorDisable, use: disable)
        routes.on(AuthRoute.twoFactorRecoveryCodes, use: regenerate)
        routes.on(AuthRoute.signInSettings, use: settingsPage)
        routes.on(AuthRoute.signInSettingsSave, use: saveSettings)
        routes.on(AuthRoute.signInSettingsReset, use: reset)
    }

    struct CodeForm: Content {
        var code: String?
        var password: String?
    }

    // MARK: - The second step of sign-in

    func codeStep(req: Request) async throws -> Response {
        guard SignInFlow.pendingPerson(req) != nil else { return req.redirect(to: AuthRoute.login) }
        return try await TwoFactorCode.View(ctx: PageContext(req), error: nil).document().encodeResponse(for: req)
    }

    func verifyCode(req: Request) async throws -> Response {
        let ctx = PageContext(req)
        guard let personID = SignInFlow.pendingPerson(req) else {
            return try await AuthWebController.loginForm(ctx, next: HomeRoute.home.path, error: ctx.t("Phiên đăng nhập đã hết hạn: hãy nhập lại mật khẩu.", "The sign-in has expired: enter your password again."))
                .encodeResponse(status: .unauthorized, for: req)
        }
        let next = AuthWebController.safeNext(req.session.data[SignInFlow.pendingNextKey])
        let tries = (req.session.data[SignInFlow.pendingTriesKey].flatMap(Int.init) ?? 0) + 1
        let code = (try req.content.decode(CodeForm.self)).code.nonEmpty ?? ""
        switch try await TwoFactorGuard.checkCode(code, personID: personID, on: req) {
        case .passed:
            return try await SignInFlow.complete(personID: personID, next: next, on: req)
        case let .throttled(seconds):
            let response = try await TwoFactorCode.View(ctx: ctx, error: ctx.t("Nhập sai mã quá nhiều lần. Hãy thử lại sau \(seconds) giây.",
                                                                              "Too many wrong codes. Try again in \(seconds) seconds.")).document()
                .encodeResponse(status: .tooManyRequests, for: req)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        case .wrong where tries >= SignInFlow.maxTries:
            // The step is over: a fresh, empty session, and the password again.
            try await AuthWebController.renewSession(on: req)
            let fresh = PageContext(req)
            return try await AuthWebController.loginForm(fresh, next: next, error: fresh.t("Nhập sai mã quá nhiều lần: hãy đăng nhập lại.", "Too many wrong codes: sign in again."))
                .encodeResponse(status: .unauthorized, for: req)
        case .wrong:
            req.session.data[SignInFlow.pendingTriesKey] = String(tries)
            return try await TwoFactorCode.View(ctx: ctx, error: ctx.t("Mã không đúng (hoặc đã dùng).", "Wrong code (or already used).")).document()
                .encodeResponse(status: .unauthorized, for: req)
        }
    }

    // MARK: - The person's own settings

    func accountPage(req: Request) async throws -> Response {
        Self.noStore(try await Self.accountView(req, error: nil).encodeResponse(for: req))
    }

    /// Pages that show a secret or recovery codes must not be kept by the browser or a proxy.
    static func noStore(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func accountView(_ req: Request, error: String?) async throws -> HTML {
        let model = try await TwoFactorAccount.Model.query(for: try req.requirePrincipal(), askPassword: !SignInFlow.isFresh(req),
                                                           error: error, on: req.db)
        return TwoFactorAccount.View(ctx: PageContext(req), model: model).document()
    }

    static func failure(_ req: Request, status: HTTPResponseStatus, _ error: String, retryAfter: Int? = nil) async throws -> Response {
        let response = noStore(try await accountView(req, error: error).encodeResponse(status: status, for: req))
        if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        return response
    }

    /// The answer for a wrong or throttled check on the account page; nil when it passed.
    static func refusal(_ outcome: TwoFactorGuard.Outcome, _ req: Request, wrong: (String, String)) async throws -> Response? {
        let ctx = PageContext(req)
        switch outcome {
        case .passed: return nil
        case .wrong: return try await failure(req, status: .unauthorized, ctx.t(wrong.0, wrong.1))
        case let .throttled(seconds):
            return try await failure(req, status: .tooManyRequests, ctx.t("Quá nhiều lần nhập sai. Hãy thử lại sau \(seconds) giây.",
                                                                          "Too many wrong attempts. Try again in \(seconds) seconds."), retryAfter: seconds)
        }
    }

    func enrol(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let person = try await Person.find(principal.personID, on: req.db) else { throw Abort(.unauthorized) }
        if !SignInFlow.isFresh(req) {
            let form = try req.content.decode(CodeForm.self)
            let outcome = try await TwoFactorGuard.checkPassword(form.password ?? "", person: person, on: req)
            if let refusal = try await Self.refusal(outcome, req, wrong: ("Mật khẩu không đúng.", "Wrong password.")) { return refusal }
        }
        _ = try await TwoFactorService.begin(person: person, on: req.db)
        return req.redirect(to: AuthRoute.twoFactorAccount)
    }

    func confirm(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let code = (try req.content.decode(CodeForm.self)).code.nonEmpty ?? ""
        var codes: [String]?
        let outcome = try await TwoFactorGuard.guarded(personID: principal.personID, on: req) {
            codes = try await TwoFactorService.confirm(personID: principal.personID, code: code, now: req.signInNow, by: principal, on: req.db)
            return codes != nil
        }
        if let refusal = try await Self.refusal(outcome, req, wrong: ("Mã không đúng: kiểm tra giờ của điện thoại và nhập mã đang hiển thị.",
                                                                       "Wrong code: check your phone's clock and type the code it shows now.")) {
            return refusal
        }
        return Self.noStore(try await RecoveryCodeList.View(ctx: PageContext(req), codes: codes ?? [], next: HomeRoute.home).document().encodeResponse(for: req))
    }

    func disable(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let person = try await Person.find(principal.personID, on: req.db) else { throw Abort(.unauthorized) }
        guard try await TwoFactorService.isEnabled(personID: principal.personID, on: req.db) else { return req.redirect(to: AuthRoute.twoFactorAccount) }
        if try await TwoFactorService.isRequired(personID: principal.personID, on: req.db) {
            return try await Self.failure(req, status: .forbidden, PageContext(req).t("Vai trò của bạn bắt buộc xác thực hai lớp nên không thể tắt.",
                                                                                      "Your role requires two-factor sign-in, so it cannot be turned off."))
        }
        let form = try req.content.decode(CodeForm.self)
        let outcome = try await TwoFactorGuard.checkCodeOrPassword(code: form.code, password: form.password, person: person, on: req)
        if let refusal = try await Self.refusal(outcome, req, wrong: ("Mã hoặc mật khẩu không đúng.", "Wrong code or password.")) { return refusal }
        try await TwoFactorService.disable(personID: principal.personID, by: principal, on: req.db)
        return req.redirect(to: AuthRoute.twoFactorAccount)
    }

    func regenerate(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let person = try await Person.find(principal.personID, on: req.db) else { throw Abort(.unauthorized) }
        guard try await TwoFactorService.isEnabled(personID: principal.personID, on: req.db) else { return req.redirect(to: AuthRoute.twoFactorAccount) }
        let form = try req.content.decode(CodeForm.self)
        let outcome = try await TwoFactorGuard.checkCodeOrPassword(code: form.code, password: form.password, person: person, on: req)
        if let refusal = try await Self.refusal(outcome, req, wrong: ("Mã hoặc mật khẩu không đúng.", "Wrong code or password.")) { return refusal }
        let codes = try await TwoFactorService.regenerateRecoveryCodes(personID: principal.personID, by: principal, on: req.db)
        return Self.noStore(try await RecoveryCodeList.View(ctx: PageContext(req), codes: codes, next: AuthRoute.twoFactorAccount).document().encodeResponse(for: req))
    }

    // MARK: - The coordinator's settings

    func settingsPage(req: Request) async throws -> HTML {
        try await Self.settingsView(req, message: nil, error: nil)
    }

    static func settingsView(_ req: Request, message: String?, error: String?) async throws -> HTML {
        _ = try req.requireCoordinator()
        let model = try await SignInSettings.Model.query(message: message, error: error, on: req.db)
        return SignInSettings.View(ctx: PageContext(req), model: model).document()
    }

    func saveSettings(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let required = (try? req.content.get(String.self, at: "requiredForAdmins")) == "true"
        try await TwoFactorService.setPolicy(TwoFactorPolicy(requiredForAdmins: required), by: principal, on: req.db)
        return req.redirect(to: AuthRoute.signInSettings)
    }

    func reset(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let ctx = PageContext(req)
        let email = LoginThrottle.account((try? req.content.get(String.self, at: "email")) ?? "")
        guard let person = try await Person.query(on: req.db).filter(\.$email == email).first(), let personID = person.id else {
            return try await Self.settingsView(req, message: nil, error: ctx.t("Không có ai với email này.", "Nobody has that e-mail."))
                .encodeResponse(status: .notFound, for: req)
        }
        try await TwoFactorService.disable(personID: personID, action: "two_factor.reset", by: principal, on: req.db)
        return try await Self.settingsView(req, message: ctx.t("Đã đặt lại xác thực hai lớp của \(person.fullName).",
                                                              "Two-factor sign-in of \(person.fullName) was reset."), error: nil)
            .encodeResponse(for: req)
    }
}
