import NIOCore
import NIOPosix
import TrucCore
import TrucNet

/// Shared helpers for the loopback tests.
enum Loopback {
    static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    /// The outbound policy of loopback tests: 127.0.0.0/8 and ::1 allowed, and no name resolves (no lookup
    /// leaves the process).
    static let outbound = OutboundGuard(
        policy: OutboundPolicy(allowing: [.range(try! IPNetwork(parsing: "127.0.0.0/8")), .range(try! IPNetwork(parsing: "::1"))]),
        resolver: StaticHostResolver())

    /// A port on 127.0.0.1 that nothing listens on: bound by a server that is then stopped.
    static func unusedPort() async throws -> Int {
        let server = try await LoopbackTCPServer.start(group: group)
        let port = server.port
        await server.stop()
        return port
    }
}
