import Crypto
import Fluent
import Foundation
import TrucCore
import TrucNet
import Vapor

/// Webhooks of a unit. The secret is generated here, shown once, and never written to the audit log.
enum WebhookService {
    /// Adds a webhook; its receiver must pass the outbound policy of the unit (422 on "url" otherwise).
    static func create(unitID: UUID, input: WebhookInput, by principal: Principal, outbound: OutboundContext,
                       on db: any Database) async throws -> Webhook {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [(String, String)] = []
        if name.isEmpty || name.count > 120 { problems.append(("Tên webhook bắt buộc, tối đa 120 ký tự.", "name is required (at most 120 characters).")) }
        let text = input.url.trimmingCharacters(in: .whitespacesAndNewlines)
        if let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
           url.host != nil, url.user == nil, url.password == nil, text.count <= 2000 {
        } else {
            problems.append(("URL webhook phải là địa chỉ http(s) đầy đủ, không chứa mật khẩu.", "url must be an absolute http(s) URL without credentials."))
        }
        guard problems.isEmpty else {
            throw BilingualError.invalid(problems.map(\.0).joined(separator: " "), problems.map(\.1).joined(separator: " "))
        }
        if let host = URL(string: text).flatMap(HTTPProbe.hostOf) {
            try await OutboundTargets.check(host: host, field: "url", unitID: unitID, context: outbound, on: db)
        }
        let hook = Webhook()
        hook.id = UUID()
        hook.$unit.id = unitID
        hook.name = name
        hook.url = text
        hook.secret = SymmetricKey(size: .bits256).withUnsafeBytes { Hex.encode($0) }
        hook.includeSubunits = input.includeSubunits ?? false
        hook.enabled = true
        try await db.transaction { tx in
            try await hook.create(on: tx)
            try await Audit.record("webhook.create", entity: "webhook", id: hook.id?.uuidString, unitID: unitID,
                                   after: hook.dto(), by: principal, on: tx)
        }
        return hook
    }

    static func delete(_ hook: Webhook, by principal: Principal, on db: any Database) async throws {
        try await db.transaction { tx in
            try await Audit.record("webhook.delete", entity: "webhook", id: hook.id?.uuidString, unitID: hook.$unit.id,
                                   before: hook.dto(), by: principal, on: tx)
            try await hook.delete(on: tx)
        }
    }
}
