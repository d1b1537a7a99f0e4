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
/// - Latency is measured with `ContinuousClock` from the start of the request until the response head of the
///   final answer arrives (connection set-up, TLS and redirects included; body download excluded).
/// - The body is read only when `settings.keyword` is set, at most ``maxBodyBytes``, decoded as UTF-8 with
///   invalid sequences replaced. Otherwise at most ``drainBytes`` are read and thrown away, so that a small
///   body lets the connection return to the pool; a larger one is abandoned, which closes that connection.
/// - The whole probe, body included, ends within `timeout`.
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

    /// A probe with its own clients on `group`, keeping at most `maxConnectionsPerHost` HTTP/1.1 connections per
    /// host (and TLS configuration) alive for reuse. Call ``shutdown()`` when done.
    public init(group: any EventLoopGroup, maxConnectionsPerHost: Int) {
        self.clients = PinnedHTTPClients(group: group, configuration: Self.configuration(maxConnectionsPerHost: maxConnectionsPerHost))
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

    /// What one request gave: the final answer, or where it redirects.
    private enum Step: Sendable {
        case final(Observed)
        case redirect(URL)
    }

    /// Checks `url` once, connecting only where `outbound` allows. Never throws: failures are `.down` results with
    /// a short message. GET and HEAD stay the same method across redirects.
    public func run(url: URL, settings: MonitorSettings, timeout: Duration, outbound: OutboundGuard) async -> ProbeResult {
        guard Self.hostOf(url) != nil else { return .down("invalid URL") }
        let method: HTTPMethod = settings.method?.uppercased() == "HEAD" ? .HEAD : .GET
        let readBody = method != .HEAD && !(settings.keyword ?? "").isEmpty
        let tls = settings.ignoreTLSErrors == true ? insecureTLS : nil
        let clients = self.clients
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let observed = try await TimeLimit.run(timeout) {
                var current = url
                var seen: Set<String> = [url.absoluteString]
                var hops = 0
                while true {
                    guard let host = Self.hostOf(current) else { throw Stop.invalidURL }
                    let addresses: [IPAddress]
                    do {
                        addresses = try await outbound.addresses(for: host, timeout: timeout)
                    } catch let refusal as OutboundRefusal where hops > 0 {
                        throw Stop.redirectRefused(refusal)
                    }
                    var request = HTTPClientRequest(url: current.absoluteString)
                    request.method = method
                    request.headers.add(name: "User-Agent", value: Self.userAgent)
                    request.headers.add(name: "Accept", value: "*/*")
                    request.tlsConfiguration = tls
                    let base = current
                    let step: Step = try await clients.withClient(host: host, address: addresses[0]) { [request] client in
                        let response = try await client.execute(request, timeout: timeout.timeAmount)
                        let status = Int(response.status.code)
                        if Self.redirectStatuses.contains(status), let location = response.headers.first(name: "Location") {
                            try await Self.drain(response.body, limit: Self.drainBytes)
                            guard let next = URL(string: location, relativeTo: base)?.absoluteURL, Self.hostOf(next) != nil
                            else { throw Stop.unsupportedRedirect }
                            return .redirect(next)
                        }
                        let latency = (clock.now - start).milliseconds
                        if readBody {
                            let bytes = try await Self.collect(response.body, limit: Self.maxBodyBytes)
                            return .final(Observed(status: status, body: String(decoding: bytes, as: UTF8.self), latencyMs: latency))
                        }
                        try await Self.drain(response.body, limit: Self.drainBytes)
                        return .final(Observed(status: status, body: nil, latencyMs: latency))
                    }
                    switch step {
                    case .final(let observed):
                        return observed
                    case .redirect(let next):
                        hops += 1
                        guard hops <= Self.maxRedirects else { throw Stop.tooManyRedirects }
                        guard seen.insert(next.absoluteString).inserted else { throw Stop.redirectLoop }
                        current = next
                    }
                }
            }
            return ProbeEvaluation.http(
                status: observed.status, body: observed.body, latencyMs: observed.latencyMs, settings: settings)
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
            return .down(ProbeErrorMessage.describe(error, timeout: timeout))
        }
    }

    /// The URL's host without brackets, for http and https URLs only.
    public static func hostOf(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = url.host, !host.isEmpty else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host
    }

    /// Reads at most `limit` bytes of `body`; stops there (abandoning the rest).
    static func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await var chunk in body {
            let take = min(chunk.readableBytes, limit - bytes.count)
            if let part = chunk.readBytes(length: take) { bytes += part }
            if bytes.count >= limit { break }
        }
        return bytes
    }

    /// Reads and discards at most `limit` bytes of `body`.
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
