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

    /// Connects once (name resolution included) within `timeout`; the verdict is `ProbeEvaluation.tcp`.
    /// Never throws: failures are `.down` results with a short message.
    public func run(host: String, port: Int, settings: MonitorSettings, timeout: Duration) async -> ProbeResult {
        guard (1...65_535).contains(port) else { return .down("invalid port \(port)") }
        guard !host.isEmpty else { return .down("invalid host") }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout.timeAmount)
                .channelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
                .connect(host: Self.unbracketed(host), port: port)
                .get()
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
