import Fluent
import Foundation
import TrucCore
import Vapor

/// Keeps web sessions in `web_sessions` (shared by every instance). The cookie carries 32 random bytes; the
/// database holds only their SHA-256, with the person, the sign-in time and the last use.
struct WebSessionDriver: AsyncSessionDriver {
    /// A session in use is written back at most this often when its data did not change.
    static let touchInterval: TimeInterval = 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = Self.newID()
        let row = WebSession(keyHash: TokenSecret.hash(id.string), personID: Self.personID(in: data), data: data, createdAt: Date())
        try await row.create(on: request.db)
        request.storage[LoadedWebSessionKey.self] = .init(keyHash: row.keyHash, data: data, lastSeenAt: row.lastSeenAt)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard Self.isWellFormed(sessionID) else { return nil }
        let hash = TokenSecret.hash(sessionID.string)
        guard let row = try await WebSession.query(on: request.db).filter(\.$keyHash == hash).first() else { return nil }
        if WebSessionSweep.isExpired(row, now: Date(), config: request.application.config) {
            // Idle too long or signed in too long ago: gone, and the visitor signs in again.
            try await row.delete(on: request.db)
            request.storage[ExpiredWebSessionKey.self] = true
            return nil
        }
        request.storage[LoadedWebSessionKey.self] = .init(keyHash: hash, data: row.data, lastSeenAt: row.lastSeenAt)
        return row.data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let hash = TokenSecret.hash(sessionID.string)
        let now = Date()
        let touch = min(Self.touchInterval, TimeInterval(request.application.config.sessionIdleSeconds) / 4)
        if let loaded = request.storage[LoadedWebSessionKey.self], loaded.keyHash == hash, loaded.data == data,
           now.timeIntervalSince(loaded.lastSeenAt) < touch {
            return sessionID
        }
        // An update never brings back a session that was deleted meanwhile (sign-out, password reset, sweep).
        try await WebSession.query(on: request.db).filter(\.$keyHash == hash)
            .set(\.$data, to: data).set(\.$person.$id, to: Self.personID(in: data)).set(\.$lastSeenAt, to: now)
            .update()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await WebSession.query(on: request.db).filter(\.$keyHash == TokenSecret.hash(sessionID.string)).delete()
    }

    static func personID(in data: SessionData) -> UUID? {
        data[SessionPrincipalMiddleware.personKey].flatMap(UUID.init(uuidString:))
    }

    /// 32 random bytes, base64url without padding (43 characters).
    static func newID() -> SessionID {
        SessionID(string: Base64URL.random(bytes: 32))
    }

    static func isWellFormed(_ id: SessionID) -> Bool {
        id.string.utf8.count == 43 && id.string.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
    }
}

/// The session row as read at the start of the request, to skip writes that change nothing.
struct LoadedWebSession: Sendable {
    var keyHash: String
    var data: SessionData
    var lastSeenAt: Date
}

struct LoadedWebSessionKey: StorageKey { typealias Value = LoadedWebSession }

/// Set when the request's session had expired (the sign-in page can say so).
struct ExpiredWebSessionKey: StorageKey { typealias Value = Bool }
