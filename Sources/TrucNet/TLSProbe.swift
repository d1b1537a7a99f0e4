import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TrucCore

/// TLS certificate check: connects to host:port, completes a TLS handshake (SNI = host unless it is an IP
/// literal), reads notValidAfter of the leaf certificate the server presents, and closes the connection.
/// Latency is connect plus handshake.
///
/// Certificate verification is disabled on purpose: the probe reports expiry, not trust, so it also reads
/// self-signed, expired or mismatched certificates. The verdict is `ProbeEvaluation.tls`.
public struct TLSProbe: Sendable {
    private let group: any EventLoopGroup
    private let context: Result<NIOSSLContext, any Error>

    public init(group: any EventLoopGroup) {
        self.group = group
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        // Read the certificates of old servers too.
        tls.minimumTLSVersion = .tlsv1
        // Closing waits this long at most for the server's close_notify (NIOSSL's default is 5 s).
        tls.shutdownTimeout = .seconds(1)
        self.context = Result { try NIOSSLContext(configuration: tls) }
    }

    /// Handshakes once within `timeout` (connect included), only with an address `outbound` allows. Never throws:
    /// failures are `.down` results with a short message.
    public func run(
        host: String, port: Int, settings: MonitorSettings, timeout: Duration, outbound: OutboundGuard, now: Date = Date()
    ) async -> ProbeResult {
        guard (1...65_535).contains(port) else { return .down("invalid port \(port)") }
        let host = TCPProbe.unbracketed(host)
        guard !host.isEmpty else { return .down("invalid host") }
        let sslContext: NIOSSLContext
        switch context {
        case .success(let c): sslContext = c
        case .failure(let error): return .down("TLS: cannot set up (\(error))")
        }
        let serverName: String?
        if case .name = IPAddress.parseHost(host) { serverName = host } else { serverName = nil }
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = NIODeadline.now() + timeout.timeAmount
        let group = self.group
        do {
            // One handshake promise per connection attempt, so a failed first address cannot settle the next one.
            let (channel, promise) = try await outbound.connect(host: host, port: port, timeout: timeout) { address in
                let promise = group.any().makePromise(of: Date.self)
                let connecting = ClientBootstrap(group: group)
                    .connectTimeout(timeout.timeAmount)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let ssl = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
                            try channel.pipeline.syncOperations.addHandler(ssl)
                            try channel.pipeline.syncOperations.addHandler(TLSHandshakeObserver(promise: promise))
                        }
                    }
                    .connect(to: address)
                do {
                    return (try await connecting.get(), promise)
                } catch {
                    promise.fail(error)  // never leave a promise pending
                    throw error
                }
            }
            let limit = channel.eventLoop.scheduleTask(deadline: deadline) {
                promise.fail(ProbeTimeout(limit: timeout))
                channel.close(promise: nil)
            }
            defer { limit.cancel() }
            let expiresAt: Date
            do {
                expiresAt = try await promise.futureResult.get()
            } catch {
                channel.close(promise: nil)
                // Connected, but the handshake failed: say so, e.g. "TLS: connection reset".
                let message = Self.message(for: error, timeout: timeout)
                let tagged = message.hasPrefix("TLS") || message.hasPrefix("timeout") ? message : "TLS: " + message
                return .down(tagged)
            }
            let latency = (clock.now - start).milliseconds
            // The observer has already started closing (close_notify, then at most 1 s); not awaited, so that a
            // server slow to answer close_notify does not hold the probe past its timeout.
            var result = ProbeEvaluation.tls(expiresAt: expiresAt, now: now, latencyMs: latency, settings: settings)
            if result.certificateExpiresAt == nil { result.certificateExpiresAt = expiresAt }
            return result
        } catch {
            return .down(Self.message(for: error, timeout: timeout))
        }
    }

    private static func message(for error: any Error, timeout: Duration) -> String {
        switch error {
        case is TLSHandshakeObserver.ClosedDuringHandshake: "TLS: connection closed during handshake"
        case is TLSHandshakeObserver.NoPeerCertificate: "TLS: no certificate presented"
        default: ProbeErrorMessage.describe(error, timeout: timeout)
        }
    }
}
