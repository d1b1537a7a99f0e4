import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// Where an account has signed in before: the browsers (device cookie) and addresses of successful sign-ins,
/// remembered for 90 days. Sign-ins from there are held only to their own counter (`LoginThrottle.Familiarity`),
/// so an attacker elsewhere cannot make the real person wait.
enum SignInFamiliarity {
    /// The cookie a browser keeps after a successful sign-in: a random token, HttpOnly, sent only to /login.
    static let cookieName = "truc_device"
    static let lifetime: TimeInterval = 90 * 86_400

    static func of(account: String, source: String, device: String?, now: Date, on db: any Database) async throws -> LoginThrottle.Familiarity {
        if let device, try await isMarked(deviceKey(account, device), now: now, on: db) { return .knownDevice(device) }
        if try await isMarked(sourceKey(account, source), now: now, on: db) { return .knownSource }
        return .unfamiliar
    }

    /// Remembers a successful sign-in of `account` from `source` and, on the web, from the browser holding `device`.
    static func remember(account: String, source: String, device: String?, now: Date, on db: any Database) async throws {
        let sql = try LoginThrottleStore.sqlDatabase(db)
        let until = now.addingTimeInterval(lifetime)
        for key in [sourceKey(account, source)] + (device.map { [deviceKey(account, $0)] } ?? []) {
            try await sql.insert(into: SignInMark.schema).columns("key", "expires_at")
                .values(LoginThrottleStore.keyHash(key), until)
                .onConflict(with: ["key"]) { $0.set(excludedValueOf: "expires_at") }
                .run()
        }
    }

    /// The device token the request's cookie carries, if it looks like one of ours.
    static func device(of req: Request) -> String? {
        guard let value = req.cookies[cookieName]?.string, (20...100).contains(value.count),
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return value
    }

    /// Sets (or refreshes) the device cookie on a successful web sign-in; returns the token.
    static func setCookie(on response: Response, token: String, secure: Bool) {
        response.cookies[cookieName] = HTTPCookies.Value(string: token, maxAge: Int(lifetime), path: "/login",
                                                         isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    private static func isMarked(_ key: String, now: Date, on db: any Database) async throws -> Bool {
        try await SignInMark.query(on: db).filter(\.$id == LoginThrottleStore.keyHash(key)).filter(\.$expiresAt > now).first() != nil
    }

    private static func deviceKey(_ account: String, _ device: String) -> String { "known-device|\(account)|\(device)" }
    private static func sourceKey(_ account: String, _ source: String) -> String { "known-source|\(account)|\(source)" }
}
