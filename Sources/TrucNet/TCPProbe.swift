import Foundation
import NIOCore
import NIOPosix
import TrucCore

/// TCP check: connects to host:port, measures the connect time, closes at once.
public struct TCPProbe: Sendable {
    private let group: any EventLoopGroup

    public init(group: any EventLoopGroup) {
        self.group = group
    }

    /// Connects once (name resolution included) within `timeout`, only to an address `outbound` allows (see
    /// `OutboundGuard.connect`); the verdict is `ProbeEvaluation.tcp`.
    /// Never throws: failures are `.down` results with a short message.
    public func run(host: String, port: Int, settings: MonitorSettings, timeout: Duration, outbound: OutboundGuard) async -> ProbeResult {
        guard (1...65_535).contains(port) else { return .down("invalid port \(port)") }
        guard !host.isEmpty else { return .down("invalid host") }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let bootstrap = ClientBootstrap(group: group)
                .connectTimeout(timeout.timeAmount)
                .channelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            let channel = try await outbound.connect(bootstrap, host: Self.unbracketed(host), port: port, timeout: timeout)
            let latency = (clock.now - start).milliseconds
            try? await channel.close().get()
            return ProbeEvaluation.tcp(latencyMs: latency, settings: settings)
        } catch {
            return .down(ProbeErrorMessage.describe(error, timeout: timeout))
        }
    }

    /// "[::1]" → "::1"; other hosts unchanged.
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
