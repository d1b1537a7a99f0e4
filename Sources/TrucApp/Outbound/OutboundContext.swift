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
    private var _feedClients: PinnedHTTPClients?
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

    /// The clients feed syncs fetch with (made on first use, shut down with the app).
    var feedClients: PinnedHTTPClients {
        lock.withLock {
            if let clients = _feedClients { return clients }
            let clients = PinnedHTTPClients(group: group, configuration: FeedFetcher.configuration(), capacity: 16)
            _feedClients = clients
            return clients
        }
    }

    /// The guard of the province's own connections (feed syncs): the public Internet and the province-wide
    /// allow-list entries.
    func provinceGuard() async -> OutboundGuard {
        OutboundGuard(policy: await policies.policy(forUnit: Self.noUnit), resolver: resolver)
    }

    /// A guard for an address the operator typed on the server's command line (`truc sync --url`): loopback and
    /// private addresses are allowed too (a local mirror), never link-local or metadata addresses.
    func operatorGuard() -> OutboundGuard {
        let ranges = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
        let entries = ranges.compactMap { try? OutboundAllowEntry(parsing: $0) }
        return OutboundGuard(policy: OutboundPolicy(allowing: entries), resolver: resolver)
    }

    private static let noUnit = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// Shuts the webhook and feed clients down, if they were made.
    func shutdown() async {
        let clients = lock.withLock { () -> [PinnedHTTPClients] in
            defer { _webhookClients = nil; _feedClients = nil }
            return [_webhookClients, _feedClients].compactMap { $0 }
        }
        for client in clients { try? await client.shutdown() }
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
