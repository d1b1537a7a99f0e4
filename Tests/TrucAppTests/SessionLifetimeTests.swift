import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Sessions expire on the server (idle and absolute lifetimes), expired rows are swept, and anonymous visitors
/// get no session row while the sign-in form stays protected against CSRF.
@Suite struct SessionLifetimeTests {
    static func rows(_ w: TestWorld) async throws -> Int {
        try await WebSession.query(on: w.db).count() + SessionRecord.query(on: w.db).count()
    }

    @Test(arguments: TestDatabase.available)
    func anonymousVisitsWriteNoSessionRow(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            w.deptA.statusPagePublic = true
            try await w.deptA.save(on: w.db)
            for _ in 0..<5 {
                for path in ["/login", "/login?next=/units", "/status/SO-A", "/status/NOPE", "/ack/bogus", "/", "/units", "/lang/en?next=/login"] {
                    let res = try await w.app.testing().sendRequest(.GET, path)
                    #expect(res.status.code < 500, "\(path)")
                }
            }
            // A cookie naming no session (expired, forged) is cleared, not replaced by an empty row.
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .cookie, value: "truc_session=\(WebSessionDriver.newID().string)")
            let stale = try await w.app.testing().sendRequest(.GET, "/login", headers: headers)
            #expect(stale.status == .ok)
            #expect(stale.headers.setCookie?["truc_session"]?.string == "")
            #expect(try await Self.rows(w) == 0)
            // The sign-in page still gets a working form.
            var browser = BrowserSession(app: w.app)
            let page = try await browser.get("/login")
            #expect(!browser.csrf.isEmpty && browser.otherCookies["truc_csrf"] != nil)
            let cookie = try #require(page.headers.first(name: .setCookie))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(try await Self.rows(w) == 0)
            let res = try await browser.post("/login", form: ["email": w.officerA.email, "password": testPassword, "next": "/"])
            #expect(res.status == .seeOther)
            #expect(try await Self.rows(w) == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSignInFormIsProtectedAgainstCSRF(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let credentials = ["email": w.officerA.email, "password": testPassword]
            // No cookie and no token.
            var stranger = BrowserSession(app: w.app)
            #expect(try await stranger.post("/login", form: credentials, csrf: false).status == .forbidden)
            // A token without its cookie (posted from another site, which can't set our cookie).
            var victim = BrowserSession(app: w.app)
            try await victim.get("/login")
            var forged = BrowserSession(app: w.app)
            forged.csrf = victim.csrf
            #expect(try await forged.post("/login", form: credentials).status == .forbidden)
            // The cookie with a token made for another nonce, or a made-up one.
            var attacker = BrowserSession(app: w.app)
            try await attacker.get("/login")
            victim.csrf = attacker.csrf
            #expect(try await victim.post("/login", form: credentials).status == .forbidden)
            victim.csrf = "truc_made_up"
            #expect(try await victim.post("/login", form: credentials).status == .forbidden)
            #expect(try await Self.rows(w) == 0)
            // The real pair signs in, and then the session's own token takes over.
            try await victim.get("/login")
            #expect(try await victim.post("/login", form: credentials).status == .seeOther)
            let anonymousToken = victim.csrf
            try await victim.get("/tokens")
            #expect(victim.csrf != anonymousToken)
            victim.csrf = anonymousToken
            #expect(try await victim.post("/tokens", form: ["name": "x"]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func idleAndTooOldSessionsAreRefusedOnTheServer(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let config = w.app.config
            // [last seen, signed in] relative to now; only the first stays signed in.
            let cases: [(TimeInterval, TimeInterval, Bool)] = [
                (-600, -3600, true),
                (-TimeInterval(config.sessionIdleSeconds) - 60, -3600, false),
                (-10, -TimeInterval(config.sessionMaxSeconds) - 60, false),
            ]
            for (lastSeen, signedIn, alive) in cases {
                var browser = try await BrowserSession.signIn(w.app, email: w.adminA.email)
                let row = try #require(try await WebSession.query(on: w.db).sort(\.$createdAt, .descending).first())
                let now = Date()
                row.lastSeenAt = now.addingTimeInterval(lastSeen)
                row.createdAt = now.addingTimeInterval(signedIn)
                try await row.save(on: w.db)
                let res = try await browser.get("/units")
                #expect((res.status == .ok) == alive, "\(lastSeen) \(signedIn): \(res.status)")
                if alive {
                    // Use keeps it alive: the last use is written back.
                    let touched = try #require(try await WebSession.find(row.id, on: w.db))
                    #expect(touched.lastSeenAt > now.addingTimeInterval(lastSeen))
                } else {
                    #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true)
                    #expect(try await WebSession.find(row.id, on: w.db) == nil)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSweepDeletesExpiredSessionsOnly(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let config = w.app.config
            let now = Date()
            func row(lastSeen: TimeInterval, created: TimeInterval) async throws -> WebSession {
                let session = WebSession(keyHash: TokenSecret.hash(UUID().uuidString), personID: w.officerA.id, data: [:], createdAt: now.addingTimeInterval(created))
                session.lastSeenAt = now.addingTimeInterval(lastSeen)
                try await session.create(on: w.db)
                return session
            }
            let fresh = try await row(lastSeen: -60, created: -3600)
            _ = try await row(lastSeen: -TimeInterval(config.sessionIdleSeconds) - 1, created: -3600)
            _ = try await row(lastSeen: -60, created: -TimeInterval(config.sessionMaxSeconds) - 1)
            #expect(try await WebSessionSweep.run(now: now, config: config, on: w.db) == 2)
            #expect(try await WebSession.query(on: w.db).all().map(\.id) == [fresh.id])
            #expect(try await WebSessionSweep.run(now: now, config: config, on: w.db) == 0)
        }
    }

    @Test func lifetimesAreConfigurable() throws {
        let defaults = try AppConfig.fromEnvironment([:])
        #expect(defaults.sessionIdleSeconds == 30 * 60 && defaults.sessionMaxSeconds == 12 * 3600)
        let set = try AppConfig.fromEnvironment(["TRUC_SESSION_IDLE_MINUTES": "15", "TRUC_SESSION_MAX_HOURS": "8"])
        #expect(set.sessionIdleSeconds == 15 * 60 && set.sessionMaxSeconds == 8 * 3600)
        for env in [["TRUC_SESSION_IDLE_MINUTES": "0"], ["TRUC_SESSION_IDLE_MINUTES": "abc"], ["TRUC_SESSION_MAX_HOURS": "721"],
                    ["TRUC_SESSION_IDLE_MINUTES": "120", "TRUC_SESSION_MAX_HOURS": "1"]] {
            #expect(throws: ConfigError.self, "\(env)") { try AppConfig.fromEnvironment(env) }
        }
        let names = AppConfig.variables.map(\.name)
        #expect(names.contains("TRUC_SESSION_IDLE_MINUTES") && names.contains("TRUC_SESSION_MAX_HOURS"))
    }
}
