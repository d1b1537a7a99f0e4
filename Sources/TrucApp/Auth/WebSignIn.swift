import Foundation
import Vapor

/// Starting a signed-in web session, shared by the sign-in form (and any later step of it, such as a second
/// factor) and by a person's own password change, which re-issues the session it was made from.
enum WebSignIn {
    /// The sign-in time in the session, in milliseconds since 1970 (compared with `Person.sessionsValidAfter`).
    static let signedInAtKey = "auth_at"

    /// A fresh session for `personID`: a new session id (no fixation: the old row is deleted), a new CSRF token,
    /// the sign-in time. Written to the store when the response goes out.
    static func begin(_ req: Request, personID: UUID, now: Date = Date()) async throws {
        if req.hasSession, let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        req.session.id = nil
        if let sweeper = req.application.storage[WebSessionSweeperKey.self] {
            await sweeper.sweepIfDue(now: now, config: req.application.config, on: req.db, logger: req.logger)
        }
        req.session.data = SessionData(initialData: [
            SessionPrincipalMiddleware.personKey: personID.uuidString,
            CSRFMiddleware.sessionKey: TokenSecret.generate(),
            signedInAtKey: String(milliseconds(now)),
        ])
    }

    /// When the session's person signed in; nil for a session without a (well-formed) sign-in time.
    static func signedInAt(_ data: SessionData) -> Date? {
        data[signedInAtKey].flatMap(Int64.init).map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `date` to the millisecond, as both databases store it without loss.
    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds(date)) / 1000)
    }
}
