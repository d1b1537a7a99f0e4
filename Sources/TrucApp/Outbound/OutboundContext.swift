import Foundation
import NIOCore
import TrucCore
import TrucNet
import Vapor

/// What the app needs to apply the outbound policy: where each unit's allow-list comes from, how names are
/// resolved, and the HTTP clients webhooks are sent with (connected to checked addresses only). Made in
/// `configure`; tests may swap the resolver or the policies.
final class OutboundContext: @unchecked Sendable {
    private let lock = NSLock()
    private var _resolver: any HostResolving
    private var _policies: any OutboundPolicySource
    private var _webhookClients: PinnedHTTPClients?
    private let group: any EventLoopGroup

    init(group: any EventLoopGroup, resolver: any HostResolving, policies: any OutboundPolicySource) {
        self.group = group
        self._resolver = resolver
        self._policies = policies
    }

    /// Turns names into addresses (the system's resolver in `serve`).
    var resolver: any HostResolving {
        get { lock.withLock { _resolver } }
        set { lock.withLock { _resolver = newValue } }
    }

    /// The allow-list of each unit.
    var policies: any OutboundPolicySource {
        get { lock.withLock { _policies } }
        set { lock.withLock { _policies = newValue } }
    }

    /// The guard for a connection made for `unitID` (a monitor's or a webhook's unit).
    func outboundGuard(forUnit unitID: UUID) async -> OutboundGuard {
        OutboundGuard(policy: await policies.policy(forUnit: unitID), resolver: resolver)
    }

    /// The clients webhooks are sent with (made on first use, shut down with the app).
    var webhookClients: PinnedHTTPClients {
        lock.withLock {
            if let clients = _webhookClients { return clients }
            let clients = PinnedHTTPClients(group: group, configuration: WebhookSender.configuration())
            _webhookClients = clients
            return clients
        }
    }

    /// Shuts the webhook clients down, if they were made.
    func shutdown() async {
        let clients = lock.withLock { () -> PinnedHTTPClients? in
            defer { _webhookClients = nil }
            return _webhookClients
        }
        try? await clients?.shutdown()
    }
}

struct OutboundContextKey: StorageKey {
    typealias Value = OutboundContext
}

extension Application {
    /// The outbound policy's context; `configure` sets it.
    var outbound: OutboundContext {
        get {
            guard let context = storage[OutboundContextKey.self] else { preconditionFailure("configure() sets app.outbound") }
            return context
        }
        set { storage[OutboundContextKey.self] = newValue }
    }
}

/// Shuts the outbound context's HTTP clients down with the app.
struct OutboundLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.outbound.shutdown()
    }
}
