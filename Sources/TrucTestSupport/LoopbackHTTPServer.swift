import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TrucNet

/// A small HTTP/1.1 (or HTTPS) server on 127.0.0.1 (or another loopback address) and a port the system picks, for tests and for
/// `truc-bench monitor`. NIO server pipeline with keep-alive; replies come from a handler closure, which runs
/// on the event loop and must be quick. Never bind it anywhere but loopback.
///
/// The reply is `(status, body, delayMs)`: the body is sent as `text/plain`, except for 3xx statuses, where
/// it is sent as the `Location` header (with an empty body), so that tests can build redirects. A positive
/// `delayMs` delays the reply on the event loop (no thread sleeps).
public final class LoopbackHTTPServer: Sendable {
    /// What the server answers to one request.
    public typealias Reply = (status: Int, body: String, delayMs: Int)
    /// A handler that also sees the request body (at most 1 MiB of it).
    public typealias RequestHandler = @Sendable (HTTPRequestHead, [UInt8]) -> Reply

    /// The port the server listens on.
    public let port: Int
    /// The loopback address the server listens on, e.g. "127.0.0.1" or "::1".
    public let host: String
    /// Whether the server speaks TLS.
    public let isTLS: Bool
    private let channel: any Channel
    private let connections: OpenChannels

    private init(host: String, port: Int, isTLS: Bool, channel: any Channel, connections: OpenChannels) {
        self.host = host
        self.port = port
        self.isTLS = isTLS
        self.channel = channel
        self.connections = connections
    }

    /// Starts a server whose replies depend on the request head only.
    /// - Parameter host: a loopback IP literal (127.0.0.0/8 or ::1); anything else throws `NotLoopbackAddress`.
    public static func start(
        group: any EventLoopGroup,
        host: String = "127.0.0.1",
        tls: SelfSignedCertificate? = nil,
        handler: @escaping @Sendable (HTTPRequestHead) -> Reply
    ) async throws -> LoopbackHTTPServer {
        try await start(group: group, host: host, tls: tls, requestHandler: { head, _ in handler(head) })
    }

    /// Starts a server whose replies may depend on the request body too (e.g. to record webhook deliveries).
    public static func start(
        group: any EventLoopGroup,
        host: String = "127.0.0.1",
        tls: SelfSignedCertificate? = nil,
        requestHandler: @escaping RequestHandler
    ) async throws -> LoopbackHTTPServer {
        let address = try NotLoopbackAddress.check(host)
        let sslContext: NIOSSLContext? = try tls.map {
            try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: [.certificate($0.certificate)], privateKey: .privateKey($0.privateKey)))
        }
        let connections = OpenChannels()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { child in
                connections.add(child)
                return child.eventLoop.makeCompletedFuture {
                    let sync = child.pipeline.syncOperations
                    if let sslContext {
                        try sync.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(LoopbackHTTPHandler(respond: requestHandler))
                }
            }
            .bind(host: address, port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close().get()
            throw ChannelError.unknownLocalAddress
        }
        return LoopbackHTTPServer(host: address, port: port, isTLS: sslContext != nil, channel: channel, connections: connections)
    }

    /// `http(s)://<host>:<port><path>` (IPv6 hosts in brackets); a missing leading "/" is added.
    public func url(path: String = "/") -> URL {
        let p = path.hasPrefix("/") ? path : "/" + path
        let h = host.contains(":") ? "[\(host)]" : host
        return URL(string: "\(isTLS ? "https" : "http")://\(h):\(port)\(p)")!
    }

    /// Connections accepted since start (useful to see keep-alive reuse).
    public var acceptedConnections: Int { connections.acceptedCount }

    /// Stops listening and closes every open connection.
    public func stop() async {
        try? await channel.close().get()
        await connections.closeAll()
    }
}
