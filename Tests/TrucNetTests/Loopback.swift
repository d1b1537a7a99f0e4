#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import TrucCore
import TrucNet
import TrucTestSupport

/// Shared helpers for the loopback tests.
enum Loopback {
    static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    /// The outbound policy of loopback tests: 127.0.0.0/8 and ::1 allowed, and no name resolves (no lookup
    /// leaves the process).
    static let outbound = OutboundGuard(
        policy: OutboundPolicy(allowing: [.range(try! IPNetwork(parsing: "127.0.0.0/8")), .range(try! IPNetwork(parsing: "::1"))]),
        resolver: StaticHostResolver())

    /// Whether this machine can bind a socket to ::1 (some containers have no IPv6 on loopback); the IPv6 tests
    /// are skipped, visibly, where it cannot.
    static let hasIPv6: Bool = {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        address.sin6_port = 0
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }()

    /// A port on 127.0.0.1 that nothing listens on: bound by a server that is then stopped.
    static func unusedPort() async throws -> Int {
        let server = try await LoopbackTCPServer.start(group: group)
        let port = server.port
        await server.stop()
        return port
    }
}
