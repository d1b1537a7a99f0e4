import NIOPosix
import TrucApp
import TrucTestSupport

/// The targets of `truc-bench monitor`: TrucTestSupport's loopback HTTP servers (answering 200 "ok" after the asked
/// delay) and TCP servers (accepting and closing), on 127.0.0.1 and ports the system picks.
enum LoopbackBenchTargets {
    @Sendable
    static func start(_ request: MonitorBenchTargets.Request) async throws -> MonitorBenchTargets {
        let group = MultiThreadedEventLoopGroup.singleton
        let replyMs = request.replyMs
        var http: [LoopbackHTTPServer] = []
        var tcp: [LoopbackTCPServer] = []
        do {
            for _ in 0..<request.httpServers {
                http.append(try await LoopbackHTTPServer.start(group: group) { _ in (status: 200, body: "ok", delayMs: replyMs) })
            }
            for _ in 0..<request.tcpServers {
                tcp.append(try await LoopbackTCPServer.start(group: group))
            }
        } catch {
            for server in http { await server.stop() }
            for server in tcp { await server.stop() }
            throw error
        }
        let (httpServers, tcpServers) = (http, tcp)
        return MonitorBenchTargets(httpRoots: http.map { $0.url(path: "/") }, tcpPorts: tcp.map(\.port)) {
            for server in httpServers { await server.stop() }
            for server in tcpServers { await server.stop() }
        }
    }
}
