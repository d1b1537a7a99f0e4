import TrucCore
import Vapor

extension Request {
    /// The client's address: the connection's peer, or — only when the peer is one of `TRUC_TRUSTED_PROXIES` —
    /// the address the proxies name in X-Forwarded-For. (Vapor's `peerAddress` believes those headers from
    /// anybody, so it is not used.) "unknown" when there is no peer (in-memory tests).
    var clientAddress: String {
        guard let peer = remoteAddress?.ipAddress else { return "unknown" }
        return application.config.trustedProxies.client(peer: peer, forwardedFor: headers[.xForwardedFor])
    }

    /// What sign-in throttling counts the client as (an IPv6 client by its /64).
    var clientSource: String { TrustedProxies.throttleKey(clientAddress) }
}
