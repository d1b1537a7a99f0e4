import Foundation
import TrucCore

/// Gives the outbound policy (allow-list entries) that applies to a unit's monitors and webhooks. The app's is
/// `OutboundPolicyCache` (the database, cached briefly); tests may pass a fixed one.
protocol OutboundPolicySource: Sendable {
    /// The province's entries and the unit's. Never fails: when the list cannot be read, the strict policy (no
    /// entries) applies, so an error never opens anything.
    func policy(forUnit unitID: UUID) async -> OutboundPolicy
    /// Forgets anything cached (after the list changed).
    func invalidate() async
}

/// The same policy for every unit.
struct FixedOutboundPolicies: OutboundPolicySource {
    var policy: OutboundPolicy

    func policy(forUnit unitID: UUID) async -> OutboundPolicy { policy }
    func invalidate() async {}
}
