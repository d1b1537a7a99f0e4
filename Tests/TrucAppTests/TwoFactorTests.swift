import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// TOTP two-factor sign-in: enrolment, the code step, recovery codes, replay, throttling, and the coordinator's
/// requirement. The sign-in clock is a test clock, so codes never depend on the wall clock.
@Suite struct TwoFactorTests {
    /// Signs `email` in on the web and enrols an authenticator; returns the browser (signed in), the authenticator
    /// and the recovery codes.
    func enrolOnTheWeb(_ w: TestWorld, _ email: String, clock: ManualClock) async throws -> (BrowserSession, CoreTOTP, [String]) {
        var browser = try await BrowserSession.signIn(w.app, email: email)
        try await browser.get("/account/two-factor")
        let start = try await browser.post("/account/two-factor/enrol", form: [:])
        #expect(start.status == .seeOther)
        let page = try await browser.get("/account/two-factor")
        let secret = try #require(TwoFactorPages.text(ofID: "totp-secret", in: page.body.string))
        #expect(page.body.string.contains("otpauth://totp/"))
        let totp = try #require(CoreTOTP(base32: secret))
        let confirmed = try await browser.post("/account/two-factor/confirm", form: ["code": totp.code(at: clock.now)])
        #expect(confirmed.status == .ok)
        let codes = TwoFactorPages.recoveryCodes(in: confirmed.body.string)
        #expect(codes.count == 10)
        return (browser, totp, codes)
    }

    /// A code that is not the right one at `date`.
    func wrongCode(_ totp: CoreTOTP, at date: Date) -> String {
        let right = totp.code(at: date)
        return (right.first == "1" ? "2" : "1") + right.dropFirst()
    }

    func apiSignIn(_ w: TestWorld, _ email: String, code: String? = nil) async throws -> TestingHTTPResponse {
        var body: [String: String] = ["email": email, "password": testPassword]
        if let code { body["code"] = code }
        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        return try await w.app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                     body: ByteBuffer(string: json))
    }

    @Test(arguments: TestDatabase.available)
    func enrolmentIsConfirmedWithACodeAndSignInThenAsksForOne(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            var browser = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            let off = try await browser.get("/account/two-factor")
            #expect(off.body.string.contains("Bắt đầu đăng ký"))
            #expect(!off.body.string.contains("name=\"password\""), "no password asked again right after signing in")
            #expect(try await browser.post("/account/two-factor/enrol", form: [:]).status == .seeOther)
            let page = try await browser.get("/account/two-factor")
            let secretText = try #require(TwoFactorPages.text(ofID: "totp-secret", in: page.body.string))
            let totp = try #require(CoreTOTP(base32: secretText))
            #expect(page.body.string.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "a QR code drawn by the server")
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            // Not on until a code from the app confirms it.
            #expect(try await TwoFactorService.isEnabled(personID: w.officerA.id!, on: w.db) == false)
            let wrong = try await browser.post("/account/two-factor/confirm", form: ["code": wrongCode(totp, at: clock.now)])
            #expect(wrong.status == .unauthorized)
            let confirmed = try await browser.post("/account/two-factor/confirm", form: ["code": totp.code(at: clock.now)])
            #expect(confirmed.status == .ok)
            let codes = TwoFactorPages.recoveryCodes(in: confirmed.body.string)
            #expect(codes.count == 10)
            #expect(try await TwoFactorService.isEnabled(personID: w.officerA.id!, on: w.db))
            // Recovery codes are stored hashed; the secret is never shown again nor audited.
            let stored = try await RecoveryCode.query(on: w.db).filter(\.$person.$id == w.officerA.id!).all()
            #expect(stored.count == 10)
            #expect(Set(stored.map(\.codeHash)).isDisjoint(with: codes + codes.compactMap(RecoveryCodes.normalize)))
            let after = try await browser.get("/account/two-factor")
            #expect(!after.body.string.contains(String(secretText.prefix(9))))
            #expect(after.body.string.contains("Còn 10 mã khôi phục"))
            let audit = try await AuditEntry.query(on: w.db).all()
            #expect(audit.contains { $0.action == "two_factor.enable" && $0.entityID == w.officerA.id!.uuidString })
            let compact = secretText.replacingOccurrences(of: " ", with: "")
            #expect(!audit.contains { ($0.before ?? "").contains(compact) || ($0.after ?? "").contains(compact) })

            // Signing in now takes the password, then a code.
            var next = BrowserSession(app: w.app)
            try await next.get("/login")
            let password = try await next.post("/login", form: ["email": w.officerA.email, "password": testPassword, "next": "/units"])
            #expect(password.status == .seeOther)
            #expect(password.headers.first(name: .location) == "/login/two-factor")
            let notYet = try await next.get("/units")
            #expect(notYet.headers.first(name: .location)?.hasPrefix("/login") == true, "not signed in before the code")
            #expect(try await next.get("/login/two-factor").body.string.contains("name=\"code\""))
            // The code that confirmed the enrolment cannot be used again (replay).
            let used = try #require(try await TwoFactorService.secret(of: w.officerA.id!, on: w.db)?.lastUsedStep)
            let replay = try await next.post("/login/two-factor", form: ["code": totp.code(step: used)])
            #expect(replay.status == .unauthorized)
            clock.advance(30)
            let ok = try await next.post("/login/two-factor", form: ["code": totp.code(at: clock.now)])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/units")
            #expect(try await next.get("/units").status == .ok)
            // And the same code again, in a fresh sign-in: refused.
            var third = BrowserSession(app: w.app)
            try await third.get("/login")
            try await third.post("/login", form: ["email": w.officerA.email, "password": testPassword])
            try await third.get("/login/two-factor")
            #expect(try await third.post("/login/two-factor", form: ["code": totp.code(at: clock.now)]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongCodesAreThrottledAndEndTheStep(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            let (_, totp, _) = try await enrolOnTheWeb(w, w.officerA.email, clock: clock)
            clock.advance(30)
            var browser = BrowserSession(app: w.app)
            try await browser.get("/login")
            try await browser.post("/login", form: ["email": w.officerA.email, "password": testPassword])
            try await browser.get("/login/two-factor")
            for _ in 0..<3 {
                #expect(try await browser.post("/login/two-factor", form: ["code": wrongCode(totp, at: clock.now)]).status == .unauthorized)
            }
            // Three wrong codes (the test limit): even the right one must wait now.
            let held = try await browser.post("/login/two-factor", form: ["code": totp.code(at: clock.now)])
            #expect(held.status == .tooManyRequests)
            #expect(held.headers.first(name: .retryAfter) == "30")
            // The API sign-in is held to the same counter.
            #expect(try await apiSignIn(w, w.officerA.email, code: totp.code(at: clock.now)).status == .tooManyRequests)
            // Two more wrong codes end the step: the password is asked again.
            clock.advance(31)
            #expect(try await browser.post("/login/two-factor", form: ["code": wrongCode(totp, at: clock.now)]).status == .unauthorized)
            clock.advance(61)
            let last = try await browser.post("/login/two-factor", form: ["code": wrongCode(totp, at: clock.now)])
            #expect(last.status == .unauthorized)
            #expect(last.body.string.contains("hãy đăng nhập lại"))
            let gone = try await browser.post("/login/two-factor", form: ["code": totp.code(at: clock.now)])
            #expect(gone.status != .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIEnrolsAndSignsInWithCodesAndRecoveryCodesWorkOnce(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            let auth = w.bearer(w.officerA)
            func call(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
                var headers = auth
                if json != nil { headers.contentType = .json }
                return try await w.app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
            }
            #expect(try await call(.POST, "/api/v1/me/two-factor", #"{"password": "not it"}"#).status == .unauthorized)
            let begun = try await call(.POST, "/api/v1/me/two-factor", #"{"password": "\#(testPassword)"}"#)
            #expect(begun.status == .created)
            let enrolment = try begun.content.decode(TwoFactorService.Enrolment.self)
            #expect(enrolment.uri.hasPrefix("otpauth://totp/"))
            #expect(enrolment.uri.contains("secret=\(enrolment.secret)"))
            let totp = try #require(CoreTOTP(base32: enrolment.secret))
            #expect(try await call(.GET, "/api/v1/me/two-factor").content.decode(TwoFactorService.Status.self).pending)
            let confirmed = try await call(.POST, "/api/v1/me/two-factor/confirm", #"{"code": "\#(totp.code(at: clock.now))"}"#)
            #expect(confirmed.status == .ok)
            let codes = try confirmed.content.decode(TwoFactorAPIController.CodesReply.self).codes
            #expect(codes.count == 10)
            // The secret is never in an answer again.
            let status = try await call(.GET, "/api/v1/me/two-factor")
            #expect(!status.body.string.contains(enrolment.secret))
            #expect(try status.content.decode(TwoFactorService.Status.self) ==
                    .init(enabled: true, pending: false, required: false, recoveryCodesLeft: 10))
            #expect(try await call(.POST, "/api/v1/me/two-factor", #"{"password": "\#(testPassword)"}"#).status == .conflict)

            // Sign-in: the code is required, a replayed code is refused, a fresh one works once.
            let missing = try await apiSignIn(w, w.officerA.email)
            #expect(missing.status == .unauthorized)
            #expect(missing.body.string.contains("two-factor code is required"))
            clock.advance(30)
            let code = totp.code(at: clock.now)
            #expect(try await apiSignIn(w, w.officerA.email, code: code).status == .created)
            #expect(try await apiSignIn(w, w.officerA.email, code: code).status == .unauthorized)
            // A recovery code works once, in any spelling.
            #expect(try await apiSignIn(w, w.officerA.email, code: codes[0].uppercased()).status == .created)
            #expect(try await apiSignIn(w, w.officerA.email, code: codes[0]).status == .unauthorized)
            #expect(try await call(.GET, "/api/v1/me/two-factor").content.decode(TwoFactorService.Status.self).recoveryCodesLeft == 9)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "two_factor.recovery_code_used").count() == 1)

            // New recovery codes replace the old ones.
            clock.advance(3600)
            let renewed = try await call(.POST, "/api/v1/me/two-factor/recovery-codes", #"{"password": "\#(testPassword)"}"#)
            #expect(renewed.status == .ok)
            let fresh = try renewed.content.decode(TwoFactorAPIController.CodesReply.self).codes
            #expect(Set(fresh).isDisjoint(with: codes))
            #expect(try await apiSignIn(w, w.officerA.email, code: codes[1]).status == .unauthorized)
            #expect(try await apiSignIn(w, w.officerA.email, code: fresh[1]).status == .created)

            // Off again, with a current code.
            clock.advance(3600)
            let disabled = try await call(.POST, "/api/v1/me/two-factor/disable", #"{"code": "\#(totp.code(at: clock.now))"}"#)
            #expect(disabled.status == .ok)
            #expect(try disabled.content.decode(TwoFactorService.Status.self).enabled == false)
            #expect(try await apiSignIn(w, w.officerA.email).status == .created)
            #expect(try await RecoveryCode.query(on: w.db).filter(\.$person.$id == w.officerA.id!).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorCanRequireItOfCoordinatorsAndUnitAdmins(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            // The coordinator turns the requirement on in the sign-in settings; audited.
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            #expect(try await coordinator.get("/settings/sign-in").status == .ok)
            let saved = try await coordinator.post("/settings/sign-in", form: ["requiredForAdmins": "true"])
            #expect(saved.status == .seeOther)
            #expect(try await TwoFactorService.policy(on: w.db).requiredForAdmins)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "two_factor.policy").count() == 1)
            // ... which now holds the coordinator too, until enrolled.
            #expect(try await coordinator.get("/settings/sign-in").headers.first(name: .location) == "/account/two-factor")
            // Others may read the setting but not change it.
            try await w.app.testing().test(.GET, "/api/v1/settings/two-factor", headers: w.bearer(w.officerA)) { res async throws in
                #expect(try res.content.decode(TwoFactorPolicy.self).requiredForAdmins)
            }
            var adminHeaders = w.bearer(w.adminA)
            adminHeaders.contentType = .json
            try await w.app.testing().test(.PUT, "/api/v1/settings/two-factor", headers: adminHeaders,
                                           body: ByteBuffer(string: #"{"requiredForAdmins": false}"#)) { res async in
                #expect(res.status == .forbidden)
            }
            #expect(try await coordinator.get("/settings/sign-in").status == .seeOther)

            // A unit admin who has not enrolled goes straight to enrolment and can do nothing else.
            var admin = BrowserSession(app: w.app)
            try await admin.get("/login")
            let signedIn = try await admin.post("/login", form: ["email": w.adminA.email, "password": testPassword, "next": "/units"])
            #expect(signedIn.headers.first(name: .location) == "/account/two-factor")
            #expect(try await admin.get("/units").headers.first(name: .location) == "/account/two-factor")
            #expect(try await admin.get("/tokens").headers.first(name: .location) == "/account/two-factor")
            #expect(try await admin.get("/account/two-factor").body.string.contains("bắt buộc"))
            let form = try await admin.post("/units", form: ["code": "X9", "name": "Không được", "kind": "state_agency"])
            #expect(form.status == .forbidden)
            #expect(form.body.string.contains("xác thực hai lớp"))
            // Tokens issued before keep working; a new one needs the enrolment first.
            try await w.app.testing().test(.GET, "/api/v1/me", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .ok)
            }
            #expect(try await apiSignIn(w, w.adminA.email).status == .forbidden)
            // Roles the requirement does not cover sign in as before.
            var officer = BrowserSession(app: w.app)
            try await officer.get("/login")
            #expect(try await officer.post("/login", form: ["email": w.officerA.email, "password": testPassword, "next": "/units"])
                .headers.first(name: .location) == "/units")

            // Once enrolled, the admin works normally, and cannot turn it off.
            #expect(try await admin.post("/account/two-factor/enrol", form: [:]).status == .seeOther)
            let page = try await admin.get("/account/two-factor")
            let totp = try #require(TwoFactorPages.text(ofID: "totp-secret", in: page.body.string).flatMap { CoreTOTP(base32: $0) })
            #expect(try await admin.post("/account/two-factor/confirm", form: ["code": totp.code(at: clock.now)]).status == .ok)
            #expect(try await admin.get("/units").status == .ok)
            clock.advance(30)
            let off = try await admin.post("/account/two-factor/disable", form: ["code": totp.code(at: clock.now)])
            #expect(off.status == .forbidden)
            #expect(try await TwoFactorService.isEnabled(personID: w.adminA.id!, on: w.db))

            // The coordinator resets it (lost phone); the admin must enrol again. Only a coordinator may.
            try await w.app.testing().test(.DELETE, "/api/v1/people/\(w.adminA.id!)/two-factor", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .forbidden)
            }
            try await w.app.testing().test(.DELETE, "/api/v1/people/\(w.adminA.id!)/two-factor", headers: w.bearer(w.coordinator)) { res async in
                #expect(res.status == .noContent)
            }
            #expect(try await TwoFactorService.isEnabled(personID: w.adminA.id!, on: w.db) == false)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "two_factor.reset").count() == 1)
            #expect(try await admin.get("/units").headers.first(name: .location) == "/account/two-factor")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aForgottenAuthenticatorIsResetFromTheCommandLine(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            _ = try await enrolOnTheWeb(w, w.coordinator.email, clock: clock)
            #expect(try await TwoFactorService.isEnabled(personID: w.coordinator.id!, on: w.db))
            w.app.environment.arguments = ["truc", "reset-two-factor", "--email", "COORD@test.vn"]
            try await w.app.execute()
            #expect(try await TwoFactorService.isEnabled(personID: w.coordinator.id!, on: w.db) == false)
            let entry = try await AuditEntry.query(on: w.db).filter(\.$action == "two_factor.reset").first()
            #expect(entry?.actorName == "system")
        }
    }
}
