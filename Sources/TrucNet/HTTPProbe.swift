import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TrucCore

/// HTTP(S) check of a URL: one GET or HEAD (`settings.method`), redirects followed by the probe itself (up to 5,
/// without cycles), the verdict left to `ProbeEvaluation.http` on the final answer.
///
/// - Outbound policy: before each request — the first and every redirect — the host goes through the
///   `OutboundGuard` (names resolved, every address checked) and the request is sent to a checked address only
///   (`PinnedHTTPClients`). A refused host ends the probe with the refusal's neutral message; nothing is sent.
/// - Per-host limit: at most `maxConnectionsPerHost` probes of one scheme, host and port run at once (`HostGate`),
///   and the connection pool is at least that large, so a probe never queues inside the pool. A probe that cannot
///   get a place within its timeout has not checked anything: it returns `ProbeResult.notChecked`, never "down".
/// - Timing (`ContinuousClock`), after the probe has its place: `connectMs` is the time to get a connection (name
///   check, TCP connect, TLS handshake) and `latencyMs` the time from the request being sent on that connection
///   until the response head arrived; both are summed over redirects. Body download is in neither.
/// - The body is read only when `settings.keyword` is set, at most ``maxBodyBytes``, decoded as UTF-8 with
///   invalid sequences replaced. Otherwise at most ``drainBytes`` are read and thrown away, so that a small
///   body lets the connection return to the pool; a larger one is abandoned, which closes that connection.
/// - The whole probe, body included, ends within `timeout` once it has its place.
/// - `settings.ignoreTLSErrors == true` sends the request with a request-level TLS configuration that skips
///   certificate verification. async-http-client keys its connection pools by TLS configuration, so verified
///   and unverified connections to one host never share a pool; no second client is needed.
public final class HTTPProbe: Sendable {
    /// Sent as `User-Agent`.
    public static let userAgent = "TrucATTT-monitor/1"
    /// Most bytes of body read for a keyword check (1 MiB).
    public static let maxBodyBytes = 1 << 20
    /// Most bytes of body read and discarded when no keyword is set (64 KiB).
    public static let drainBytes = 64 << 10
    /// Most redirects followed.
    public static let maxRedirects = 5
    /// The statuses whose `Location` is followed.
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    private let clients: PinnedHTTPClients
    private let insecureTLS: TLSConfiguration
    /// Probes of one host at once.
    public let gate: HostGate

    /// A probe with its own clients on `group`, running at most `maxConnectionsPerHost` probes of one host at
    /// once and keeping as many HTTP/1.1 connections per host (and TLS configuration) alive for reuse. Call
    /// ``shutdown()`` when done.
    public init(group: any EventLoopGroup, maxConnectionsPerHost: Int) {
        self.gate = HostGate(limit: maxConnectionsPerHost)
        self.clients = PinnedHTTPClients(group: group, configuration: Self.configuration(maxConnectionsPerHost: gate.limit))
        self.insecureTLS = Self.makeInsecureTLS()
    }

    /// The client configuration: redirects not followed by the client (the probe follows them, checking each
    /// hop), no decompression, and a failed connection attempt fails the request at once (no background retry),
    /// so that "connection refused" is reported as such and quickly.
    public static func configuration(maxConnectionsPerHost: Int) -> HTTPClient.Configuration {
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(30),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost)
        )
        pool.retryConnectionEstablishment = false
        return HTTPClient.Configuration(
            tlsConfiguration: nil,
            redirectConfiguration: .disallow,
            timeout: .init(),
            connectionPool: pool,
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
    }

    /// Shuts down the probe's clients.
    public func shutdown() async throws {
        try await clients.shutdown()
    }

    /// The final answer of a request with its redirects followed.
    private struct Observed: Sendable {
        var status: Int
        var body: String?
        var latencyMs: Double
        var connectMs: Double
    }

    /// Why a probe stopped before a final answer (other than a network error).
    private enum Stop: Error {
        case invalidURL
        case redirectLoop
        case tooManyRedirects
        case unsupportedRedirect
        /// The outbound policy refused the host of a redirect.
        case redirectRefused(OutboundRefusal)
    }

    /// The key of the per-host limit: scheme, host and port.
    public static func gateKey(_ url: URL) -> String? {
        guard let host = hostOf(url), let scheme = url.scheme?.lowercased() else { return nil }
        return "\(scheme)://\(host):\(url.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// Checks `url` once, connecting only where `outbound` allows. Never throws: failures are `.down` results with
    /// a short message; a probe that could not get a place under the per-host limit within `timeout` is
    /// `.notChecked`. GET and HEAD stay the same method across redirects.
    public func run(url: URL, settings: MonitorSettings, timeout: Duration, outbound: OutboundGuard) async -> ProbeResult {
        guard let key = Self.gateKey(url) else { return .down("invalid URL") }
        guard await gate.enter(key, timeout: timeout) else {
            if Task.isCancelled { return .notChecked("cancelled before it started") }
            return .notChecked("not started: \(gate.limit) checks of \(key) already in flight for \(timeout.shortText)")
        }
        defer { gate.leave(key) }
        if Task.isCancelled { return .notChecked("cancelled before it started") }
        return await checked(url: url, settings: settings, timeout: timeout, outbound: outbound)
    }

    private func checked(url: URL, settings: MonitorSettings, timeout: Duration, outbound: OutboundGuard) async -> ProbeResult {
        let method: HTTPMethod = settings.method?.uppercased() == "HEAD" ? .HEAD : .GET
        let readBody = method != .HEAD && !(settings.keyword ?? "").isEmpty
        let tls = settings.ignoreTLSErrors == true ? insecureTLS : nil
        let clients = self.clients
        let clock = ContinuousClock()
        do {
            let observed = try await TimeLimit.run(timeout) {
                var current = url
                var seen: Set<String> = [url.absoluteString]
                var hops = 0
                var latency = 0.0, connect = 0.0
                while true {
                    guard let host = Self.hostOf(current) else { throw Stop.invalidURL }
                    let hopStart = clock.now
                    let addresses: [IPAddress]
                    do {
                        addresses = try await outbound.addresses(for: host, timeout: timeout)
                    } catch let refusal as OutboundRefusal where hops > 0 {
                        throw Stop.redirectRefused(refusal)
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "User-Agent", value: Self.userAgent)
                    headers.add(name: "Accept", value: "*/*")
                    let request = try HTTPClient.Request(url: current.absoluteString, method: method, headers: headers,
                                                         body: nil, tlsConfiguration: tls)
                    let collected = try await clients.withClient(host: host, address: addresses[0]) { client in
                        try await Self.execute(request, on: client, readBody: readBody, timeout: timeout)
                    }
                    if let sent = collected.sentAt { connect += (sent - hopStart).milliseconds }
                    if let sent = collected.sentAt, let head = collected.headAt { latency += (head - sent).milliseconds }
                    if Self.redirectStatuses.contains(collected.status), let location = collected.location {
                        guard let next = URL(string: location, relativeTo: current)?.absoluteURL, Self.hostOf(next) != nil
                        else { throw Stop.unsupportedRedirect }
                        hops += 1
                        guard hops <= Self.maxRedirects else { throw Stop.tooManyRedirects }
                        guard seen.insert(next.absoluteString).inserted else { throw Stop.redirectLoop }
                        current = next
                        continue
                    }
                    let body = readBody ? String(decoding: collected.body, as: UTF8.self) : nil
                    return Observed(status: collected.status, body: body, latencyMs: latency, connectMs: connect)
                }
            }
            var result = ProbeEvaluation.http(
                status: observed.status, body: observed.body, latencyMs: observed.latencyMs, settings: settings)
            result.connectMs = observed.connectMs
            return result
        } catch let stop as Stop {
            switch stop {
            case .invalidURL: return .down("invalid URL")
            case .redirectLoop: return .down("redirect loop")
            case .tooManyRedirects: return .down("too many redirects")
            case .unsupportedRedirect: return .down("redirect to an unsupported URL")
            case .redirectRefused(let refusal): return .down("redirect " + refusal.probeMessage)
            }
        } catch let refusal as OutboundRefusal {
            return .down(refusal.probeMessage)
        } catch {
            if Task.isCancelled { return .notChecked("cancelled") }
            return .down(ProbeErrorMessage.describe(error, timeout: timeout))
        }
    }

    /// Sends `request` and collects its answer: the body up to ``maxBodyBytes`` when `readBody`, otherwise (and
    /// for redirects) at most ``drainBytes`` read and dropped. Task cancellation cancels the request.
    private static func execute(_ request: HTTPClient.Request, on client: HTTPClient, readBody: Bool,
                                timeout: Duration) async throws -> ProbeResponseCollector.Collected {
        let collector = ProbeResponseCollector(keepBytes: readBody ? maxBodyBytes : 0,
                                               readBytes: readBody ? maxBodyBytes : drainBytes)
        let task = client.execute(request: request, delegate: collector, deadline: .now() + timeout.timeAmount)
        do {
            return try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch is ProbeResponseCollector.Enough {
            return collector.collected
        }
    }

    /// The URL's host without brackets, for http and https URLs only.
    public static func hostOf(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = url.host, !host.isEmpty else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host
    }

    /// Reads and discards at most `limit` bytes of `body` (the webhook sender's answers).
    static func drain(_ body: HTTPClientResponse.Body, limit: Int) async throws {
        var seen = 0
        for try await chunk in body {
            seen += chunk.readableBytes
            if seen >= limit { break }
        }
    }

    private static func makeInsecureTLS() -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        return tls
    }
}
