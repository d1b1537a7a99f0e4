import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TrucCore

/// HTTP(S) check of a URL: one GET or HEAD (`settings.method`), redirects followed (up to 5 with the client
/// `HTTPProbe` makes itself), the verdict left to `ProbeEvaluation.http` on the final answer.
///
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
    /// Most redirects followed by a client that `HTTPProbe` makes.
    public static let maxRedirects = 5

    private let client: HTTPClient
    private let ownsClient: Bool
    private let insecureTLS: TLSConfiguration

    /// A probe on a client owned by the caller, who shuts it down. Redirect following, connection pool size and
    /// connection retry are those of the client's configuration (see ``configuration(maxConnectionsPerHost:)``).
    public init(client: HTTPClient) {
        self.client = client
        self.ownsClient = false
        self.insecureTLS = Self.makeInsecureTLS()
    }

    /// A probe with its own client on `group`, keeping at most `maxConnectionsPerHost` HTTP/1.1 connections per
    /// host (and TLS configuration) alive for reuse. Call ``shutdown()`` when done.
    public init(group: any EventLoopGroup, maxConnectionsPerHost: Int) {
        self.client = HTTPClient(
            eventLoopGroupProvider: .shared(group),
            configuration: Self.configuration(maxConnectionsPerHost: maxConnectionsPerHost)
        )
        self.ownsClient = true
        self.insecureTLS = Self.makeInsecureTLS()
    }

    /// The client configuration `init(group:maxConnectionsPerHost:)` uses: redirects followed up to 5 times
    /// without cycles, no decompression, and a failed connection attempt fails the request at once (no
    /// background retry), so that "connection refused" is reported as such and quickly.
    public static func configuration(maxConnectionsPerHost: Int) -> HTTPClient.Configuration {
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(30),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost)
        )
        pool.retryConnectionEstablishment = false
        return HTTPClient.Configuration(
            tlsConfiguration: nil,
            redirectConfiguration: .follow(max: maxRedirects, allowCycles: false),
            timeout: .init(),
            connectionPool: pool,
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
    }

    /// Shuts down the client if this probe made it; does nothing for a client passed to `init(client:)`.
    public func shutdown() async throws {
        if ownsClient {
            try await client.shutdown()
        }
    }

    /// Checks `url` once. Never throws: failures are `.down` results with a short message.
    public func run(url: URL, settings: MonitorSettings, timeout: Duration) async -> ProbeResult {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            return .down("invalid URL")
        }
        let method: HTTPMethod = settings.method?.uppercased() == "HEAD" ? .HEAD : .GET
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "*/*")
        if settings.ignoreTLSErrors == true {
            request.tlsConfiguration = insecureTLS
        }
        let readBody = method != .HEAD && !(settings.keyword ?? "").isEmpty
        let client = self.client
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let observed = try await TimeLimit.run(timeout) { [request] in
                let response = try await client.execute(request, timeout: timeout.timeAmount)
                let latency = (clock.now - start).milliseconds
                let status = Int(response.status.code)
                if readBody {
                    let bytes = try await Self.collect(response.body, limit: Self.maxBodyBytes)
                    return (status, String(decoding: bytes, as: UTF8.self) as String?, latency)
                }
                try await Self.drain(response.body, limit: Self.drainBytes)
                return (status, nil as String?, latency)
            }
            return ProbeEvaluation.http(
                status: observed.0, body: observed.1, latencyMs: observed.2, settings: settings)
        } catch {
            return .down(ProbeErrorMessage.describe(error, timeout: timeout))
        }
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
