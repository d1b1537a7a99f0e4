import Fluent
import Foundation
import Vapor

/// Ends a person's sign-ins when their password is reset or they are deactivated: every web session row is
/// deleted, sessions signed in before now are refused even if a row survived (`Person.sessionsValidAfter`), and —
/// unless it is their own password change — every API token is revoked. Audited as `person.sessions-revoked`.
enum CredentialRevocation {
    enum Reason: String, Codable, Sendable {
        case passwordReset = "password_reset"
        case ownPasswordChange = "own_password_change"
        case deactivation
    }

    struct Outcome: Codable, Sendable, Equatable {
        var reason: Reason
        var sessionsEnded: Int
        var tokensRevoked: Int
    }

    /// Call inside the transaction that changes the person; `person` is saved by the caller.
    @discardableResult
    static func revoke(_ person: Person, reason: Reason, by principal: Principal?, now: Date = Date(),
                       on db: any Database) async throws -> Outcome {
        let personID = try person.requireID()
        person.sessionsValidAfter = WebSignIn.truncated(now)
        let sessions = WebSession.query(on: db).filter(\.$person.$id == personID)
        let sessionCount = try await sessions.count()
        try await sessions.delete()
        var tokenCount = 0
        if reason != .ownPasswordChange {
            let live = APIToken.query(on: db).filter(\.$person.$id == personID).filter(\.$revokedAt == nil)
            tokenCount = try await live.count()
            try await APIToken.query(on: db).filter(\.$person.$id == personID).filter(\.$revokedAt == nil)
                .set(\.$revokedAt, to: now).update()
        }
        let outcome = Outcome(reason: reason, sessionsEnded: sessionCount, tokensRevoked: tokenCount)
        try await Audit.record("person.sessions-revoked", entity: "person", id: personID.uuidString, unitID: person.$unit.id,
                               after: outcome, by: principal, on: db, at: now)
        return outcome
    }
}
