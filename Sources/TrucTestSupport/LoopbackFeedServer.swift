import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on a loopback address for fake feed services (NVD API, KEV, EPSS, CSAF providers): replies
/// with any status, headers and bytes, can cut a body short, and logs every request with the time it arrived.
/// Never bind it anywhere but loopback.
public final class LoopbackFeedServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequestHead) -> FeedReply

    /// One request the server received.
    public struct LoggedRequest: Sendable {
        public var method: String
        /// Path and query, as sent.
        public var uri: String
        public var headers: [(String, String)]
        /// When it arrived (`ContinuousClock`).
        public var at: ContinuousClock.Instant

        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }

        /// The value of the query parameter `name`, percent-decoded.
        public func query(_ name: String) -> String? {
            URLComponents(string: uri)?.queryItems?.first { $0.name == name }?.value
        }

        public var path: String { URLComponents(string: uri)?.path ?? uri }
    }

    public let port: Int
    public let host: String
    private let channel: any Channel
    private let connections: OpenChannels
    private let log: NIOLockedValueBox<[LoggedRequest]>

    private init(host: String, port: Int, channel: any Channel, connections: OpenChannels, log: NIOLockedValueBox<[LoggedRequest]>) {
        self.host = host
        self.port = port
        self.channel = channel
        self.connections = connections
        self.log = log
    }

    /// Starts a server on `host` (a loopback literal) answering with `handler`, which runs on the event loop and
    /// must be quick.
    public static func start(group: any EventLoopGroup, host: String = "127.0.0.1",
                             handler: @escaping Handler) async throws -> LoopbackFeedServer {
        let address = try NotLoopbackAddress.check(host)
        let connections = OpenChannels()
        let log = NIOLockedValueBox<[LoggedRequest]>([])
        let logging: Handler = { head in
            log.withLockedValue {
                $0.append(LoggedRequest(method: head.method.rawValue, uri: head.uri,
                                        headers: head.headers.map { ($0.name, $0.value) }, at: ContinuousClock.now))
            }
            return handler(head)
        }
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                connections.add(child)
                return child.eventLoop.makeCompletedFuture {
                    let sync = child.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(LoopbackFeedHandler(respond: logging))
                }
            }
            .bind(host: address, port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close().get()
            throw ChannelError.unknownLocalAddress
        }
        return LoopbackFeedServer(host: address, port: port, channel: channel, connections: connections, log: log)
    }

    /// `http://<host>:<port><path>`.
    public func url(path: String = "/") -> URL {
        let p = path.hasPrefix("/") ? path : "/" + path
        let h = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(h):\(port)\(p)")!
    }

    /// Every request received so far, in order.
    public var requests: [LoggedRequest] { log.withLockedValue { $0 } }

    public func stop() async {
        try? await channel.close().get()
        await connections.closeAll()
    }
}
