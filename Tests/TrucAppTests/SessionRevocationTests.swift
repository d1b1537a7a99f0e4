import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// A password reset or a deactivation ends the person's web sessions and revokes their API tokens; a person's own
/// password change ends their other sessions.
@Suite struct SessionRevocationTests {
    static func me(_ w: TestWorld, token: String) async throws -> HTTPStatus {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        return try await w.app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status
    }

    static func isSignedIn(_ browser: inout BrowserSession) async throws -> Bool {
        let res = try await browser.get("/units")
        if res.status == .seeOther { #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true) }
        return res.status == .ok
    }

    @Test(arguments: TestDatabase.available)
    func aPasswordResetEndsTheOldCookieAndTheOldToken(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var victim = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            #expect(try await Self.isSignedIn(&victim))
            #expect(try await Self.me(w, token: w.token(w.officerA)) == .ok)
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            try await admin.get("/people/\(w.officerA.id!)")
            let res = try await admin.post("/people/\(w.officerA.id!)/password", form: ["password": "a brand new password"])
            #expect(res.status == .seeOther)
            #expect(try await !Self.isSignedIn(&victim))
            #expect(try await Self.me(w, token: w.token(w.officerA)) == .unauthorized)
            #expect(try await WebSession.query(on: w.db).filter(\.$person.$id == w.officerA.id!).count() == 0)
            let entry = try #require(try await AuditEntry.query(on: w.db).filter(\.$action == "person.sessions-revoked").first())
            #expect(entry.entityID == w.officerA.id!.uuidString && entry.actorID == w.adminA.id)
            let outcome = try JSONDecoder().decode(CredentialRevocation.Outcome.self, from: Data(try #require(entry.after).utf8))
            #expect(outcome == .init(reason: .passwordReset, sessionsEnded: 1, tokensRevoked: 1))
            // The admin's own session is untouched, and the officer signs in again with the new password.
            #expect(try await Self.isSignedIn(&admin))
            var again = try await BrowserSession.signIn(w.app, email: w.officerA.email, password: "a brand new password")
            #expect(try await Self.isSignedIn(&again))
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivationRevokesAndReactivationDoesNotBringThemBack(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var victim = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            for active in [false, true] {
                let res = try await w.app.testing().sendRequest(.PATCH, "/api/v1/people/\(w.officerA.id!)", headers: w.bearer(w.adminA)) {
                    try $0.content.encode(PersonPatch(isActive: active))
                }
                #expect(res.status == .ok)
            }
            #expect(try await !Self.isSignedIn(&victim))
            #expect(try await Self.me(w, token: w.token(w.officerA)) == .unauthorized)
            let tokens = try await APIToken.query(on: w.db).filter(\.$person.$id == w.officerA.id!).all()
            #expect(!tokens.isEmpty && tokens.allSatisfy { $0.revokedAt != nil })
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "person.sessions-revoked").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOwnPasswordChangeEndsTheOtherSessionsOnly(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var here = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            var elsewhere = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            try await here.get("/people/\(w.adminA.id!)")
            let res = try await here.post("/people/\(w.adminA.id!)/password", form: ["password": "my own new password"])
            #expect(res.status == .seeOther)
            #expect(try await Self.isSignedIn(&here))
            #expect(try await !Self.isSignedIn(&elsewhere))
            // Their API token is theirs to revoke on /tokens.
            #expect(try await Self.me(w, token: w.token(w.adminA)) == .ok)
            // The re-issued session still posts forms.
            try await here.get("/units/\(w.deptA.id!)")
            #expect(try await here.post("/units/\(w.deptA.id!)", form: ["name": "Sở A"]).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionSignedInBeforeTheRevocationIsRefusedEvenIfItsRowSurvived(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var browser = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            #expect(try await Self.isSignedIn(&browser))
            let person = try #require(try await Person.find(w.officerA.id, on: w.db))
            let row = try #require(try await WebSession.query(on: w.db).filter(\.$person.$id == w.officerA.id!).first())
            person.sessionsValidAfter = row.createdAt.addingTimeInterval(1)
            try await person.save(on: w.db)
            #expect(try await !Self.isSignedIn(&browser))
            #expect(try await WebSession.find(row.id, on: w.db) == nil)
        }
    }
}
