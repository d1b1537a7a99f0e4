import AsyncHTTPClient
import Foundation
import NIOCore
import TrucCore
import TrucNet

/// Runs probes over the network: HTTP(S) through a pooled HTTP client, TCP and TLS with SwiftNIO, DNS with the
/// small UDP client. Every probe is bounded by its monitor's timeout (plus a safety margin here).
///
/// Each probe runs under the outbound policy of its monitor's unit (`outbound.outboundGuard(forUnit:)`): the target
/// (and every redirect) is checked and connected by checked address only; a monitor's own DNS resolver is checked
/// too. The system resolver of DNS monitors without one (from /etc/resolv.conf) is the operator's configuration
/// and is not checked.
struct NetworkProbeRunner: ProbeRunning {
    let http: HTTPProbe
    let tcp: TCPProbe
    let tls: TLSProbe
    let dns: DNSClient
    /// Resolver for DNS monitors without their own (from /etc/resolv.conf).
    let defaultNameserver: String?
    /// The allow-lists and the resolver.
    let outbound: OutboundContext

    init(group: any EventLoopGroup, outbound: OutboundContext, maxConnectionsPerHost: Int = 1000) {
        self.outbound = outbound
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
        let outbound = await self.outbound.outboundGuard(forUnit: check.unitID)
        switch target {
        case .http(let url):
            return await http.run(url: url, settings: settings, timeout: timeout, outbound: outbound)
        case .tcp(let host, let port):
            return await tcp.run(host: host, port: port, settings: settings, timeout: timeout, outbound: outbound)
        case .tls(let host, let port):
            return await tls.run(host: host, port: port, settings: settings, timeout: timeout, outbound: outbound)
        case .dns(let name):
            guard let server = settings.dnsServer ?? defaultNameserver else {
                return .down("DNS: no resolver (set the monitor's DNS server)")
            }
            if let own = settings.dnsServer {
                // The monitor's own resolver must be allowed; the address is what the query is sent to.
                do {
                    let endpoint = try HostPort(parsing: own, defaultPort: 53, field: "dnsServer")
                    _ = try await outbound.addresses(for: endpoint.host, timeout: timeout)
                } catch let refusal as OutboundRefusal {
                    return .down("DNS: " + refusal.probeMessage)
                } catch {
                    // Not an IP literal: DNSClient refuses it below with its own message.
                }
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
