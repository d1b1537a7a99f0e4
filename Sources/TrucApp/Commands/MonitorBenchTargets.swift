import Foundation

/// The servers `truc-bench monitor` probes. The shipped app starts none: the benchmark executable starts them
/// (TrucTestSupport's loopback HTTP and TCP servers) and hands their addresses to `Benchmarks.monitor`.
public struct MonitorBenchTargets: Sendable {
    /// What the benchmark asks for: how many servers, and how long each HTTP reply waits.
    public struct Request: Sendable, Equatable {
        public var httpServers: Int
        public var tcpServers: Int
        public var replyMs: Int
    }

    /// Starts the servers for a request (on 127.0.0.1).
    public typealias Starter = @Sendable (Request) async throws -> MonitorBenchTargets

    /// One root URL per HTTP server ("http://127.0.0.1:PORT/"); monitor i probes `<root>m/<i>`.
    public var httpRoots: [URL]
    /// One port per TCP server on 127.0.0.1.
    public var tcpPorts: [Int]
    private let stopServers: @Sendable () async -> Void

    public init(httpRoots: [URL], tcpPorts: [Int], stop: @escaping @Sendable () async -> Void) {
        self.httpRoots = httpRoots
        self.tcpPorts = tcpPorts
        self.stopServers = stop
    }

    /// Stops every server.
    func stop() async {
        await stopServers()
    }
}
