import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Sign-in answers the same for every e-mail, and slows attackers down per address and per account without
/// locking the real person out. (In tests: 3 free failures per account and address, 12 per address, waits from 30 s.)
@Suite struct SignInThrottleTests {
    /// People who exist but cannot sign in: deactivated, and without a password.
    func addUnusualPeople(_ w: TestWorld) async throws -> (inactive: String, passwordless: String) {
        let inactive = Person(unitID: w.deptA.id!, email: "nghi.viec@test.vn", fullName: "Đã Nghỉ", passwordHash: try w.app.password.hash(testPassword))
        inactive.isActive = false
        try await inactive.create(on: w.db)
        try await Person(unitID: w.deptA.id!, email: "danh.ba@test.vn", fullName: "Chỉ Danh Bạ").create(on: w.db)
        return ("nghi.viec@test.vn", "danh.ba@test.vn")
    }

    @Test func theSettingsAreReadFromTheEnvironment() throws {
        let defaults = try AppConfig.fromEnvironment([:])
        #expect(defaults.loginMaxFailures == 5)
        #expect(defaults.loginMaxWaitSeconds == 900)
        #expect(defaults.trustedProxies.isEmpty)
        let set = try AppConfig.fromEnvironment(["TRUC_LOGIN_MAX_FAILURES": "8", "TRUC_LOGIN_MAX_WAIT_MINUTES": "60",
                                                 "TRUC_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16"])
        #expect(set.loginThrottle.perAccountAndSource.freeFailures == 8)
        #expect(set.loginThrottle.perSource.maxDelay == 3600)
        #expect(set.trustedProxies.contains("192.168.4.4"))
        // The older name still works.
        #expect(try AppConfig.fromEnvironment(["TRUC_LOGIN_LOCK_MINUTES": "30"]).loginMaxWaitSeconds == 1800)
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["TRUC_TRUSTED_PROXIES": "proxy.local"]) }
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["TRUC_LOGIN_MAX_WAIT_MINUTES": "0"]) }
    }

    @Test(arguments: TestDatabase.available)
    func knownUnknownInactiveAndPasswordlessEmailsGetTheSameAnswer(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let unusual = try await addUnusualPeople(w)
            let emails = [w.adminA.email, "khong.co@test.vn", unusual.inactive, unusual.passwordless]

            // Web: one browser, so the page (with its CSRF token) would be byte-identical.
            var browser = BrowserSession(app: w.app)
            try await browser.get("/login")
            var pages: [String] = []
            for email in emails {
                let res = try await browser.post("/login", form: ["email": email, "password": "wrong password", "next": "/"])
                #expect(res.status == .unauthorized, "\(email)")
                pages.append(res.body.string)
            }
            #expect(Set(pages).count == 1)
            #expect(pages[0].contains("Sai email hoặc mật khẩu"))
            // The right password of an inactive account answers like a wrong one.
            let inactive = try await browser.post("/login", form: ["email": unusual.inactive, "password": testPassword, "next": "/"])
            #expect(inactive.status == .unauthorized)
            #expect(inactive.body.string == pages[0])

            // API (the inactive account with its right password).
            var answers: [String] = []
            for email in emails {
                try await w.app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
                    try req.content.encode(["email": email, "password": email == unusual.inactive ? testPassword : "wrong password"])
                }, afterResponse: { res async in
                    #expect(res.status == .unauthorized, "\(email)")
                    answers.append(res.body.string)
                })
            }
            #expect(Set(answers).count == 1)
            #expect(answers[0].contains("Wrong e-mail or password"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func throttledAnswersAreTheSameForKnownAndUnknownEmails(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            let unusual = try await addUnusualPeople(w)
            var bodies: [String] = []
            for email in [w.officerA.email, "khong.co@test.vn", unusual.inactive] {
                var statuses: [HTTPStatus] = []
                var last: TestingHTTPResponse?
                for _ in 0..<4 {
                    let res = try await w.app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                                    body: ByteBuffer(string: #"{"email": "\#(email)", "password": "wrong"}"#))
                    statuses.append(res.status)
                    last = res
                }
                #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests], "\(email)")
                #expect(last?.headers.first(name: .retryAfter) == "30")
                bodies.append(last?.body.string ?? "")
            }
            #expect(Set(bodies).count == 1)
            #expect(bodies[0].contains("Too many failed sign-ins. Try again in 30 seconds."))
            // Refused without a check: the right password gets the same 429 while the wait lasts, and no earlier.
            let right = try await w.app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"email": "\#(w.officerA.email)", "password": "\#(testPassword)"}"#))
            #expect(right.status == .tooManyRequests)
            clock.advance(30)
            let later = try await w.app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"email": "\#(w.officerA.email)", "password": "\#(testPassword)"}"#))
            #expect(later.status == .created)
            // Nothing about the account was changed: no lock.
            let person = try await Person.find(w.officerA.id, on: w.db)
            #expect(person?.lockedUntil == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func attemptsSentAllAtOnceDoNotSlipThrough(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            ManualClock().install(on: w.app)
            let app = w.app
            let email = w.auditor.email
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for attempt in 0..<10 {
                    group.addTask {
                        try await app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: #"{"email": "\#(email)", "password": "guess \#(attempt)"}"#)).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            // Each attempt is counted before its password is checked: no more than the 3 free ones were checked.
            #expect(statuses.filter { $0 == .unauthorized }.count <= 3)
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theWebSignInWaitsWithRetryAfterAndTheWaitGrows(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let clock = ManualClock()
            clock.install(on: w.app)
            var browser = BrowserSession(app: w.app)
            try await browser.get("/login")
            for _ in 0..<3 {
                let res = try await browser.post("/login", form: ["email": w.adminB.email, "password": "wrong"])
                #expect(res.status == .unauthorized)
            }
            let first = try await browser.post("/login", form: ["email": w.adminB.email, "password": "wrong"])
            #expect(first.status == .tooManyRequests)
            #expect(first.headers.first(name: .retryAfter) == "30")
            #expect(first.body.string.contains("Hãy thử lại sau 30 giây"))
            clock.advance(31)
            #expect(try await browser.post("/login", form: ["email": w.adminB.email, "password": "wrong"]).status == .unauthorized)
            let second = try await browser.post("/login", form: ["email": w.adminB.email, "password": "wrong"])
            #expect(second.status == .tooManyRequests)
            #expect(second.headers.first(name: .retryAfter) == "60")
            // After a quiet hour the counters are forgotten.
            clock.advance(3600)
            #expect(try await browser.post("/login", form: ["email": w.adminB.email, "password": "wrong"]).status == .unauthorized)
            let ok = try await browser.post("/login", form: ["email": w.adminB.email, "password": testPassword, "next": "/units"])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/units")
            // A successful web sign-in leaves a device cookie, sent to /login only.
            let device = try #require(ok.headers.setCookie?[SignInFamiliarity.cookieName])
            #expect(device.isHTTPOnly)
            #expect(device.path == "/login")
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAttackerCannotLockTheCoordinatorOut(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            w.app.config.trustedProxies = try TrustedProxies(parsing: "127.0.0.1")
            ManualClock().install(on: w.app)
            try await LiveSite.serve(w.app) { site async throws in
                // The coordinator signs in from the office as usual.
                #expect(try await site.signIn(w.coordinator.email, testPassword, from: "203.0.113.10").status == .created)
                // An attacker hammers the coordinator's account from elsewhere: slowed down, then refused unchecked —
                // even with the right password.
                var statuses: [HTTPStatus] = []
                for attempt in 0..<12 {
                    statuses.append(try await site.signIn(w.coordinator.email, "guess \(attempt)", from: "198.51.100.66").status)
                }
                #expect(statuses.prefix(3).allSatisfy { $0 == .unauthorized })
                #expect(statuses.dropFirst(3).allSatisfy { $0 == .tooManyRequests })
                #expect(try await site.signIn(w.coordinator.email, testPassword, from: "198.51.100.66").status == .tooManyRequests)
                // The coordinator, from the office, is not held back at all — a typo included.
                #expect(try await site.signIn(w.coordinator.email, "typo", from: "203.0.113.10").status == .unauthorized)
                #expect(try await site.signIn(w.coordinator.email, testPassword, from: "203.0.113.10").status == .created)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneAddressIsThrottledAcrossAccountsAndOthersAreNot(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            w.app.config.trustedProxies = try TrustedProxies(parsing: "127.0.0.1")
            ManualClock().install(on: w.app)
            try await LiveSite.serve(w.app) { site async throws in
                // 12 failures from one address, over 12 accounts (unknown ones included), then it waits.
                for n in 0..<12 {
                    #expect(try await site.signIn("nguoi\(n)@test.vn", "wrong", from: "198.51.100.7").status == .unauthorized)
                }
                let refused = try await site.signIn(w.officerA.email, testPassword, from: "198.51.100.7")
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers.first(name: .retryAfter) != nil)
                // Another address is not affected; an IPv6 neighbour in another /64 neither.
                #expect(try await site.signIn(w.officerA.email, testPassword, from: "198.51.100.8").status == .created)
                #expect(try await site.signIn(w.adminA.email, testPassword, from: "2001:db8:1:2::5").status == .created)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func forwardedForIsIgnoredUnlessTheProxyIsTrusted(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            ManualClock().install(on: w.app)
            try await LiveSite.serve(w.app) { site async throws in
                // No trusted proxies: every request counts as 127.0.0.1, whatever it claims.
                for n in 0..<12 {
                    #expect(try await site.signIn("nguoi\(n)@test.vn", "wrong", from: "198.51.100.\(n)").status == .unauthorized)
                }
                #expect(try await site.signIn(w.officerA.email, testPassword, from: "192.0.2.99").status == .tooManyRequests)
            }
        }
    }
}
