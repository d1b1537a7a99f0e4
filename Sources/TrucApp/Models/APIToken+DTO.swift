import Foundation
import Vapor

struct APITokenDTO: Content, Equatable {
    var id: UUID
    var name: String
    var prefix: String
    var createdAt: Date?
    var expiresAt: Date?
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// Only in the answer to a creation; never stored.
    var token: String?
}

extension APIToken {
    func dto(secret: String? = nil) -> APITokenDTO {
        APITokenDTO(id: id!, name: name, prefix: prefix, createdAt: createdAt, expiresAt: expiresAt,
                    lastUsedAt: lastUsedAt, revokedAt: revokedAt, token: secret)
    }
}
