import Crypto
import Fluent
import Foundation
import TrucCore
import Vapor

/// Acknowledgement links in alert e-mails: `/ack/{deliveryID}.{token}` where the token is an HMAC-SHA256 of
/// the delivery id under a secret kept in the database (created on first use, shared by every instance). Nothing
/// that would let someone forge a link is stored or logged.
enum AckLinks {
    static let settingKey = "alert_ack_secret"

    static func secret(on db: any Database) async throws -> SymmetricKey {
        try await ServerSecrets.load(settingKey, on: db)
    }

    static func token(for deliveryID: UUID, secret: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(deliveryID.uuidString.lowercased().utf8), using: secret)
        return Base64URL.encode(mac)
    }

    /// The delivery a link text names, if its token is right.
    static func verify(_ text: String, on db: any Database) async throws -> AlertDelivery? {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[0]) else { return nil }
        let expected = token(for: id, secret: try await secret(on: db))
        guard expected.utf8.count == parts[1].utf8.count,
              zip(expected.utf8, parts[1].utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else { return nil }
        return try await AlertDelivery.query(on: db).filter(\.$id == id).with(\.$alert).first()
    }
}
