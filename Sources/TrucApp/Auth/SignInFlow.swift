import Foundation
import TrucCore
import Vapor

/// What happens on the web after the password was right: the second-factor step when the person has it on, then
/// the signed-in session; a person whose role requires two-factor sign-in and who has not enrolled yet is sent
/// straight to enrolment (and `TwoFactorGateMiddleware` keeps them there).
enum SignInFlow {
    /// Session keys of the second-factor step: whose password was right, until when, wrong codes so far, where to go.
    static let pendingPersonKey = "pending_2fa_person"
    static let pendingUntilKey = "pending_2fa_until"
    static let pendingTriesKey = "pending_2fa_tries"
    static let pendingNextKey = "pending_2fa_next"
    /// When the password was last typed in this session (a change to two-factor sign-in soon after needs no
    /// password again).
    static let passwordAtKey = "password_at"

    /// How long the code may take after the password.
    static let pendingSeconds: TimeInterval = 300
    /// Wrong codes in one second-factor step before the password is asked again.
    static let maxTries = 5
    /// How long after the password a change to two-factor sign-in needs no password again.
    static let freshSeconds: TimeInterval = 600

    static func passwordAccepted(personID: UUID, next: String, on req: Request) async throws -> Response {
        let now = req.signInNow
        if try await TwoFactorService.isEnabled(personID: personID, on: req.db) {
            try await AuthWebController.renewSession(on: req)
            req.session.data[pendingPersonKey] = personID.uuidString
            req.session.data[pendingUntilKey] = String(Int(now.timeIntervalSince1970 + pendingSeconds))
            req.session.data[pendingTriesKey] = "0"
            req.session.data[pendingNextKey] = next
            return req.redirect(to: AuthRoute.twoFactorCode)
        }
        let mustEnrol = try await TwoFactorService.isRequired(personID: personID, on: req.db)
        return try await complete(personID: personID, next: mustEnrol ? AuthRoute.twoFactorAccount.path : next, on: req)
    }

    /// The person whose password was right and who still owes a code, if that step has not expired.
    static func pendingPerson(_ req: Request) -> UUID? {
        let now = req.signInNow
        guard let text = req.session.data[pendingPersonKey], let id = UUID(uuidString: text),
              let until = req.session.data[pendingUntilKey].flatMap(Int.init), Double(until) > now.timeIntervalSince1970
        else { return nil }
        return id
    }

    /// Signs the person in: a new session, the device cookie, and this address and browser remembered as familiar.
    static func complete(personID: UUID, next: String, on req: Request) async throws -> Response {
        let now = req.signInNow
        try await AuthWebController.startSession(personID: personID, on: req)
        req.session.data[passwordAtKey] = String(Int(now.timeIntervalSince1970))
        let device = SignInFamiliarity.device(of: req) ?? TokenSecret.generate()
        if let person = try await Person.find(personID, on: req.db) {
            try await SignInFamiliarity.remember(account: person.email, source: req.clientSource, device: device, now: now, on: req.db)
        }
        let response = req.redirect(to: next)
        SignInFamiliarity.setCookie(on: response, token: device, secure: req.application.config.secureCookies)
        return response
    }

    /// Whether the password was typed in this session within the last ten minutes.
    static func isFresh(_ req: Request) -> Bool {
        guard let at = req.session.data[passwordAtKey].flatMap(Double.init) else { return false }
        return req.signInNow.timeIntervalSince1970 - at < freshSeconds
    }
}
