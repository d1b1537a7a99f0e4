import Vapor

/// Web authentication: the session holds the person's id and sign-in time. A session whose person is inactive,
/// or signed in before their sessions were revoked, is destroyed.
struct SessionPrincipalMiddleware: AsyncMiddleware {
    static let personKey = "person_id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only a request that came with a session cookie has one; don't make one for anybody else.
        if request.hasSession, let text = request.session.data[Self.personKey] {
            if let id = UUID(uuidString: text), let signedInAt = WebSignIn.signedInAt(request.session.data),
               let principal = try await Principal.load(personID: id, tokenID: nil, signedInAt: signedInAt, on: request.db) {
                request.principal = principal
            } else {
                // Deleted now: if the request then fails (401 to the sign-in page), Vapor writes no session back.
                if let id = request.session.id { try await request.application.sessions.driver.deleteSession(id, for: request).get() }
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}
