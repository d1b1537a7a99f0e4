import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import TrucCore

/// HTTP clients that connect only to addresses `OutboundGuard` has checked.
///
/// async-http-client resolves host names itself. So that it connects to the checked address while still speaking
/// to the name (Host header, TLS server name and certificate check), a request to a name goes through a client
/// whose `dnsOverride` maps that name to the checked address. Those clients are kept for reuse of their connections
/// (at most `capacity` idle ones; the least recently used is shut down first). A request whose host is already the
/// checked IP literal uses the one shared client.
public final class PinnedHTTPClients: Sendable {
    /// The configuration of every client (redirects, pool, timeouts).
    public let configuration: HTTPClient.Configuration
    /// Most pinned clients kept.
    public let capacity: Int
    private let group: any EventLoopGroup
    private let shared: HTTPClient
    private let state = NIOLockedValueBox(State())

    private struct Key: Hashable {
        var host: String
        var address: IPAddress
    }

    private struct Entry {
        var client: HTTPClient
        var leases: Int
        var lastUse: UInt64
    }

    private struct State {
        var pinned: [Key: Entry] = [:]
        var tick: UInt64 = 0
        var retiring: [Task<Void, Never>] = []
        var isShutDown = false
    }

    /// Clients on `group` with `configuration` (its `dnsOverride` is replaced per client).
    public init(group: any EventLoopGroup, configuration: HTTPClient.Configuration, capacity: Int = 256) {
        self.group = group
        var sharedConfiguration = configuration
        sharedConfiguration.dnsOverride = [:]
        self.configuration = sharedConfiguration
        self.capacity = max(1, capacity)
        self.shared = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: sharedConfiguration)
    }

    /// Pinned clients kept now (for tests).
    public var pinnedCount: Int { state.withLockedValue { $0.pinned.count } }

    /// Runs `body` with a client that connects `host` (a URL's host, without brackets) to `address` only.
    public func withClient<T: Sendable>(host: String, address: IPAddress, _ body: (HTTPClient) async throws -> T) async throws -> T {
        if let literal = IPAddressLiteral.bytes(host), literal == address.bytes {
            return try await body(shared)
        }
        let key = Key(host: host, address: address)
        let client = try lease(key)
        defer { release(key) }
        return try await body(client)
    }

    private func lease(_ key: Key) throws -> HTTPClient {
        let configuration = self.configuration
        let group = self.group
        return try state.withLockedValue { state in
            guard !state.isShutDown else { throw HTTPClientError.alreadyShutdown }
            state.tick += 1
            if var entry = state.pinned[key] {
                entry.leases += 1
                entry.lastUse = state.tick
                state.pinned[key] = entry
                return entry.client
            }
            var pinnedConfiguration = configuration
            pinnedConfiguration.dnsOverride = [key.host: key.address.description]
            let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: pinnedConfiguration)
            state.pinned[key] = Entry(client: client, leases: 1, lastUse: state.tick)
            Self.evict(&state, capacity: capacity)
            return client
        }
    }

    private func release(_ key: Key) {
        state.withLockedValue { state in
            state.pinned[key]?.leases -= 1
            Self.evict(&state, capacity: capacity)
        }
    }

    /// Shuts down idle clients, least recently used first, until at most `capacity` remain.
    private static func evict(_ state: inout State, capacity: Int) {
        guard state.pinned.count > capacity else { return }
        let idle = state.pinned.filter { $0.value.leases == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, entry) in idle.prefix(state.pinned.count - capacity) {
            state.pinned[key] = nil
            let client = entry.client
            state.retiring.append(Task { try? await client.shutdown() })
        }
    }

    /// Shuts every client down; later requests fail.
    public func shutdown() async throws {
        let (clients, retiring) = state.withLockedValue { state -> ([HTTPClient], [Task<Void, Never>]) in
            state.isShutDown = true
            defer { state.pinned = [:]; state.retiring = [] }
            return (state.pinned.values.map(\.client), state.retiring)
        }
        for task in retiring { await task.value }
        for client in clients { try? await client.shutdown() }
        try await shared.shutdown()
    }
}
