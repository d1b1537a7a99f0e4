import Fluent
import Foundation
import TrucCore

/// The allow-list read from the database, kept for `ttl` seconds so that thousands of checks a minute do not each
/// query it. A change made through this instance applies at once (`invalidate()`); one made by another instance
/// within `ttl`.
actor OutboundPolicyCache: OutboundPolicySource {
    let db: any Database
    let ttl: TimeInterval
    private var entries: [(unitID: UUID?, entry: OutboundAllowEntry)]?
    private var loadedAt = Date.distantPast

    init(db: any Database, ttl: TimeInterval = 10) {
        self.db = db
        self.ttl = ttl
    }

    func policy(forUnit unitID: UUID) async -> OutboundPolicy {
        if entries == nil || Date().timeIntervalSince(loadedAt) >= ttl {
            do {
                entries = try await OutboundAllowList.all(on: db)
                loadedAt = Date()
            } catch {
                // Unreadable: nothing is allowed beyond the public Internet until it can be read again.
                entries = nil
                return .strict
            }
        }
        return OutboundPolicy(allowing: (entries ?? []).filter { $0.unitID == nil || $0.unitID == unitID }.map(\.entry))
    }

    func invalidate() {
        entries = nil
    }
}
