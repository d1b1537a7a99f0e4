import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 (or another loopback address) and a port the system picks, for tests and
/// benchmarks. It accepts connections and closes them at once, or (with `holdConnections`) keeps them open,
/// discarding what the client sends, until the client closes or the server stops.
public final class LoopbackTCPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The loopback address the server listens on, e.g. "127.0.0.1" or "::1".
    public let host: String
    private let channel: any Channel
    private let connections: OpenChannels

    private init(host: String, port: Int, channel: any Channel, connections: OpenChannels) {
        self.host = host
        self.port = port
        self.channel = channel
        self.connections = connections
    }

    /// - Parameter host: a loopback IP literal (127.0.0.0/8 or ::1); anything else throws `NotLoopbackAddress`.
    public static func start(group: any EventLoopGroup, host: String = "127.0.0.1", holdConnections: Bool = false)
        async throws -> LoopbackTCPServer
    {
        let address = try NotLoopbackAddress.check(host)
        let connections = OpenChannels()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                connections.add(child)
                guard !holdConnections else { return child.eventLoop.makeSucceededVoidFuture() }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(CloseOnActiveHandler())
                }
            }
            .bind(host: address, port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close().get()
            throw ChannelError.unknownLocalAddress
        }
        return LoopbackTCPServer(host: address, port: port, channel: channel, connections: connections)
    }

    /// Connections accepted since start.
    public var acceptedConnections: Int { connections.acceptedCount }

    /// Stops listening and closes every open connection.
    public func stop() async {
        try? await channel.close().get()
        await connections.closeAll()
    }
}
