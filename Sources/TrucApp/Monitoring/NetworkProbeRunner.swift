import AsyncHTTPClient
import Foundation
import NIOCore
import TrucCore
import TrucNet

/// Runs probes over the network: HTTP(S) through a pooled HTTP client, TCP and TLS with SwiftNIO, DNS with the
/// small UDP client. Every probe is bounded by its monitor's timeout (plus a safety margin here).
struct NetworkProbeRunner: ProbeRunning {
    let http: HTTPProbe
    let tcp: TCPProbe
    let tls: TLSProbe
    let dns: DNSClient
    /// Resolver for DNS monitors without their own (from /etc/resolv.conf).
    let defaultNameserver: String?

    init(group: any EventLoopGroup, maxConnectionsPerHost: Int = 8) {
        http = HTTPProbe(group: group, maxConnectionsPerHost: maxConnectionsPerHost)
        tcp = TCPProbe(group: group)
        tls = TLSProbe(group: group)
        dns = DNSClient(group: group)
        defaultNameserver = DNSClient.systemNameserver()
    }

    func shutdown() async throws {
        try await http.shutdown()
    }

    func probe(_ check: ClaimedCheck) async -> ProbeResult {
        guard let target = check.target else { return .down("invalid target '\(check.targetText)'") }
        let settings = check.settings
        let timeout = check.timeout
        switch target {
        case .http(let url):
            return await http.run(url: url, settings: settings, timeout: timeout)
        case .tcp(let host, let port):
            return await tcp.run(host: host, port: port, settings: settings, timeout: timeout)
        case .tls(let host, let port):
            return await tls.run(host: host, port: port, settings: settings, timeout: timeout)
        case .dns(let name):
            guard let server = settings.dnsServer ?? defaultNameserver else {
                return .down("DNS: no resolver (set the monitor's DNS server)")
            }
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let records = try await dns.query(name: name, type: settings.dnsRecordType ?? .a, server: server, timeout: timeout)
                return ProbeEvaluation.dns(records: records, latencyMs: Self.ms(clock.now - start), settings: settings)
            } catch {
                return .down("DNS: \(error)", latencyMs: Self.ms(clock.now - start))
            }
        }
    }

    static func ms(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
