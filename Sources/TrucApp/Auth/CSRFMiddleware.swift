import Crypto
import Foundation
import TrucCore
import Vapor

/// Every state-changing web request must carry a CSRF token, as the form field `_csrf` or the `X-CSRF-Token`
/// header. Signed in: the session's token. Anonymous (the sign-in form, acknowledgement links), where no session
/// is stored: a signed double-submit cookie — the `truc_csrf` cookie holds a random nonce and the form carries
/// HMAC-SHA256(server secret, nonce), so nothing is written to the database for a visitor. SameSite cookies are
/// a second line.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let field = "_csrf"
    static let cookieName = "truc_csrf"
    static let secretName = "csrf_secret"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let key = try await request.application.serverSecrets.key(Self.secretName, on: request.db)
        request.storage[AnonymousCSRFKey.self] = key
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            var sent = request.headers.first(name: "X-CSRF-Token")
            if sent == nil {
                if request.body.data == nil {
                    // Make the form readable here; the route's own limit still applies afterwards.
                    // The scan upload allows a larger body (`Route.scanUploadKey` in its user info).
                    let limit = request.route?.userInfo[Route.scanUploadKey] != nil
                        ? request.config.maxScanBytes + 256 * 1024
                        : request.application.routes.defaultMaxBodySize.value
                    _ = try await request.collectUpload(limit: limit)
                }
                sent = try? request.content.get(String.self, at: Self.field)
            }
            let valid: Bool
            if let expected = Self.sessionToken(request) {
                valid = sent.map { Self.constantTimeEqual(expected, $0) } ?? false
            } else {
                valid = Self.verifyAnonymous(sent, nonce: request.cookies[Self.cookieName]?.string, key: key)
            }
            guard valid else {
                throw Abort(.forbidden, reason: "The form has expired or did not come from this site (CSRF token missing or invalid). Reload the page and try again.")
            }
        }
        let response = try await next.respond(to: request)
        if let nonce = request.storage[IssuedCSRFNonce.self] {
            response.cookies[Self.cookieName] = HTTPCookies.Value(string: nonce, expires: nil, maxAge: nil, path: "/",
                                                                  isSecure: request.application.config.secureCookies,
                                                                  isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The token of a signed-in session (only a request that came with a session has one).
    static func sessionToken(_ request: Request) -> String? {
        request.hasSession ? request.session.data[sessionKey] : nil
    }

    /// The token the page's forms carry: the session's when signed in, else the anonymous one (issuing the nonce
    /// cookie with the response when the visitor has none yet).
    static func token(for request: Request) -> String {
        if let token = sessionToken(request) { return token }
        guard let key = request.storage[AnonymousCSRFKey.self] else { return "" }
        let nonce: String
        if let existing = request.storage[IssuedCSRFNonce.self] ?? request.cookies[cookieName]?.string, isWellFormed(existing) {
            nonce = existing
        } else {
            nonce = TokenSecret.generate()
            request.storage[IssuedCSRFNonce.self] = nonce
        }
        return anonymousToken(nonce: nonce, key: key)
    }

    static func anonymousToken(nonce: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("csrf:\(nonce)".utf8), using: key)
        return Base64URL.encode(mac)
    }

    static func verifyAnonymous(_ sent: String?, nonce: String?, key: SymmetricKey) -> Bool {
        guard let sent, let nonce, isWellFormed(nonce) else { return false }
        return constantTimeEqual(anonymousToken(nonce: nonce, key: key), sent)
    }

    /// A nonce as `TokenSecret.generate()` makes them.
    static func isWellFormed(_ nonce: String) -> Bool {
        nonce.hasPrefix("truc_") && nonce.utf8.count == 48
            && nonce.utf8.dropFirst(5).allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// The key of anonymous CSRF tokens, loaded by the middleware for the (synchronous) page builders.
struct AnonymousCSRFKey: StorageKey { typealias Value = SymmetricKey }

/// A nonce issued during this request, set as the `truc_csrf` cookie on the response.
struct IssuedCSRFNonce: StorageKey { typealias Value = String }
