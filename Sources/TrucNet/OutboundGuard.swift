import NIOCore
import NIOPosix
import TrucCore

/// The outbound policy of one check or delivery (the allow-list of its unit) with the resolver that turns names
/// into addresses. Every probe and webhook asks it for the addresses it may connect to, just before connecting,
/// and connects only to those: a name is resolved once, every address it has is checked, and the connection goes
/// to a checked address, so a name that changes between checks (DNS rebinding) cannot slip through.
public struct OutboundGuard: Sendable {
    public var policy: OutboundPolicy
    public var resolver: any HostResolving
    /// The longest a name lookup may take.
    public var resolveTimeout: Duration

    public init(policy: OutboundPolicy, resolver: any HostResolving, resolveTimeout: Duration = .seconds(5)) {
        self.policy = policy
        self.resolver = resolver
        self.resolveTimeout = resolveTimeout
    }

    /// The checked addresses a connection to `host` may use: a literal's own address (in any form, see
    /// `IPAddress.parseHost`), or every address of a name, all allowed.
    /// - Throws: `OutboundRefusal` when the host or any of its addresses is refused; `HostNotFound` when the name
    ///   has no address.
    public func addresses(for host: String, timeout: Duration? = nil) async throws -> [IPAddress] {
        switch policy.screen(host: host) {
        case .refused(let refusal):
            throw refusal
        case .address(let address):
            return [address]
        case .name(let name):
            let limit = min(timeout ?? resolveTimeout, resolveTimeout)
            let addresses: [IPAddress]
            if let fixed = OutboundPolicy.fixedAddresses(forName: name) {
                addresses = fixed
            } else {
                addresses = try await resolver.addresses(of: name, timeout: limit)
            }
            guard !addresses.isEmpty else { throw HostNotFound(name: name) }
            if let refusal = policy.check(addresses, name: name) { throw refusal }
            return addresses
        }
    }

    /// Connects `bootstrap` to `port` on the checked addresses of `host`, one after the other until one answers.
    /// The bootstrap's own connect timeout applies to each attempt; no attempt starts after `timeout`.
    /// - Throws: `OutboundRefusal`, `HostNotFound`, or the first connection error.
    public func connect(_ bootstrap: ClientBootstrap, host: String, port: Int, timeout: Duration) async throws -> any Channel {
        try await connect(host: host, port: port, timeout: timeout) { address in
            try await bootstrap.connect(to: address).get()
        }
    }

    /// Runs `attempt` with each checked address of `host` (and `port`) in turn until one succeeds; no attempt
    /// starts after `timeout`.
    /// - Throws: `OutboundRefusal`, `HostNotFound`, or the first attempt's error.
    public func connect<T>(host: String, port: Int, timeout: Duration,
                           _ attempt: (SocketAddress) async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let addresses = try await self.addresses(for: host, timeout: timeout)
        var firstError: (any Error)?
        for address in addresses {
            guard clock.now < deadline else { break }
            do {
                return try await attempt(try SocketAddress(ipAddress: address.description, port: port))
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        throw firstError ?? ProbeTimeout(limit: timeout)
    }
}
