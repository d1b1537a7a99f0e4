import Vapor

/// No session row for anonymous visitors: a session that holds nothing when the response goes out is not stored
/// (and a cookie naming a session that is gone is cleared). Sits right inside Vapor's sessions middleware.
struct WebSessionGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.hasSession, request.session.data.snapshot.isEmpty {
            request.session.destroy()
        }
        return response
    }
}
