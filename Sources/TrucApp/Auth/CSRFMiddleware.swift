import Vapor

/// Every state-changing web request must carry the session's CSRF token, as the form field `_csrf`
/// or the `X-CSRF-Token` header. Tokens are per session; SameSite=Lax cookies are a second line.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            let expected = request.session.data[Self.sessionKey]
            var sent = request.headers.first(name: "X-CSRF-Token")
            if sent == nil {
                if request.body.data == nil {
                    // Make the form readable here; the route's own limit still applies afterwards.
                    _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
                }
                sent = try? request.content.get(String.self, at: Self.field)
            }
            guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
                throw Abort(.forbidden, reason: "The form has expired or did not come from this site (CSRF token missing or invalid). Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    static func token(for request: Request) -> String {
        if let existing = request.session.data[sessionKey] { return existing }
        let token = TokenSecret.generate()
        request.session.data[sessionKey] = token
        return token
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
