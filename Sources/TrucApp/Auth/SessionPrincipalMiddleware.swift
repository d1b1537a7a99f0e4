import Vapor

/// Web authentication: the session holds the person's id.
struct SessionPrincipalMiddleware: AsyncMiddleware {
    static let personKey = "person_id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let text = request.session.data[Self.personKey], let id = UUID(uuidString: text) {
            if let principal = try await Principal.load(personID: id, tokenID: nil, on: request.db) {
                request.principal = principal
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}
