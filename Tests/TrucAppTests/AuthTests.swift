import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

@Suite struct AuthTests {
    @Test(arguments: TestDatabase.available)
    func webSignInSetsAHardenedCookieAndShowsTheOverview(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var browser = BrowserSession(app: w.app)
            try await browser.get("/login")
            let res = try await browser.post("/login", form: ["email": "ADMIN.A@test.vn", "password": testPassword, "next": "/units"])
            #expect(res.status == .seeOther)
            let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("truc_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(res.headers.first(name: .location) == "/units")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Quản Trị A"))
            #expect(home.body.string.contains("lang=\"vi\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func pagesNeedASignInAndRedirectToIt(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.GET, "/units") { res async in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/login?next=/units") == true)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func formsWithoutTheCSRFTokenAreRefused(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let before = try await OrgUnit.query(on: w.db).count()
            let res = try await browser.post("/units", form: ["code": "X1", "name": "Không token", "kind": "state_agency"], csrf: false)
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("CSRF"))
            #expect(try await OrgUnit.query(on: w.db).count() == before)
            let ok = try await browser.post("/units", form: ["code": "X1", "name": "Có token", "kind": "state_agency"])
            #expect(ok.status == .seeOther)
            #expect(try await OrgUnit.query(on: w.db).count() == before + 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func apiTokensAreIssuedListedAndRevoked(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var secret = ""
            var tokenID = UUID()
            try await w.app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
                try req.content.encode(["email": w.officerA.email, "password": testPassword, "name": "cli"])
            }, afterResponse: { res async throws in
                #expect(res.status == .created)
                let dto = try res.content.decode(APITokenDTO.self)
                secret = try #require(dto.token)
                tokenID = dto.id
            })
            // Only the hash is stored.
            let stored = try await APIToken.find(tokenID, on: w.db)
            #expect(stored?.tokenHash == TokenSecret.hash(secret))
            #expect(stored?.tokenHash != secret)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: secret)
            try await w.app.testing().test(.GET, "/api/v1/me", headers: headers) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(PersonDTO.self).email == w.officerA.email)
            }
            try await w.app.testing().test(.GET, "/api/v1/tokens", headers: headers) { res async throws in
                let page = try res.content.decode(Page<APITokenDTO>.self)
                #expect(page.items.contains { $0.id == tokenID && $0.token == nil })
            }
            // Somebody else cannot revoke it.
            try await w.app.testing().test(.DELETE, "/api/v1/tokens/\(tokenID)", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .notFound)
            }
            try await w.app.testing().test(.DELETE, "/api/v1/tokens/\(tokenID)", headers: headers) { res async in
                #expect(res.status == .noContent)
            }
            try await w.app.testing().test(.GET, "/api/v1/me", headers: headers) { res async in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("revoked"))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongPasswordAndBadTokenGiveClearErrors(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
                try req.content.encode(["email": "nobody@test.vn", "password": "whatever"])
            }, afterResponse: { res async in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("Wrong e-mail or password"))
            })
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: "truc_not_a_token")
            try await w.app.testing().test(.GET, "/api/v1/units", headers: headers) { res async in
                #expect(res.status == .unauthorized)
            }
            try await w.app.testing().test(.GET, "/api/v1/units") { res async in
                #expect(res.status == .unauthorized)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func englishCanBeChosen(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.GET, "/lang/en?next=/login") { res async in
                #expect(res.status == .seeOther)
                #expect(res.headers.setCookie?["lang"]?.string == "en")
            }
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .cookie, value: "lang=en")
            try await w.app.testing().test(.GET, "/login", headers: headers) { res async in
                #expect(res.body.string.contains("Sign in"))
                #expect(res.body.string.contains("lang=\"en\""))
            }
            try await w.app.testing().test(.GET, "/lang/en?next=//evil.example") { res async in
                #expect(res.headers.first(name: .location) == "/")
            }
        }
    }
}
