import Crypto
import Fluent
import TrucCore
import Vapor

/// API authentication: `Authorization: Bearer <token>`; the token's SHA-256 is looked up, never the token itself.
struct TokenPrincipalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let hash = TokenSecret.hash(bearer.token)
            guard let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).first(),
                  token.revokedAt == nil,
                  token.expiresAt.map({ $0 > Date() }) ?? true,
                  let principal = try await Principal.load(personID: token.$person.id, tokenID: token.id, on: request.db)
            else {
                throw Abort(.unauthorized, reason: "The API token is unknown, revoked or expired.")
            }
            if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 } ?? true) {
                token.lastUsedAt = Date()
                try await token.save(on: request.db)
            }
            request.principal = principal
        }
        return try await next.respond(to: request)
    }
}

enum TokenSecret {
    /// A new secret: "truc_" + 32 random bytes, base64url.
    static func generate() -> String {
        "truc_" + Base64URL.random(bytes: 32)
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hex
    }
}

extension Digest {
    var hex: String { Hex.encode(self) }
}
