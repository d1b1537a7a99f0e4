import NIOCore
import NIOPosix
import TrucNet

/// Shared helpers for the loopback tests.
enum Loopback {
    static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    /// A port on 127.0.0.1 that nothing listens on: bound by a server that is then stopped.
    static func unusedPort() async throws -> Int {
        let server = try await LoopbackTCPServer.start(group: group)
        let port = server.port
        await server.stop()
        return port
    }
}
