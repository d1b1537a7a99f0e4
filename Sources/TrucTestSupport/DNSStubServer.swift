import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TrucCore

/// A tiny authoritative-style DNS server on UDP for tests and benchmarks. It answers from a record
/// table: names match case-insensitively, an unknown name gets NXDOMAIN, a known name without
/// records of the asked type gets an empty NOERROR (or its CNAME chain inside the table).
public final class DNSStubServer: Sendable {
    struct State {
        var records: [DNSRecord]
        var queriesReceived = 0
        var queriesToDrop = 0
    }

    private let channel: any Channel
    private let state: NIOLockedValueBox<State>
    /// The IP literal the server is bound to.
    public let host: String
    /// The UDP port the server is bound to.
    public let port: Int

    private init(channel: any Channel, state: NIOLockedValueBox<State>, host: String, port: Int) {
        self.channel = channel
        self.state = state
        self.host = host
        self.port = port
    }

    /// Binds a server on `host` (loopback by default) and `port` (0: an ephemeral port).
    public static func start(
        records: [DNSRecord],
        host: String = "127.0.0.1",
        port: Int = 0,
        group: any EventLoopGroup
    ) async throws -> DNSStubServer {
        let state = NIOLockedValueBox(State(records: records))
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DNSStubHandler(state: state))
                }
            }
            .bind(host: host, port: port)
            .get()
        guard let boundPort = channel.localAddress?.port else {
            try? await channel.close()
            throw DNSError.network("stub server has no local port")
        }
        return DNSStubServer(channel: channel, state: state, host: host, port: boundPort)
    }

    /// "127.0.0.1:PORT" (or "[::1]:PORT"), ready for `DNSClient.query(server:)`.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Replaces the record table.
    public func setRecords(_ records: [DNSRecord]) {
        state.withLockedValue { $0.records = records }
    }

    /// The current record table.
    public var records: [DNSRecord] { state.withLockedValue { $0.records } }

    /// How many well-formed queries arrived (dropped ones included).
    public var queriesReceived: Int { state.withLockedValue { $0.queriesReceived } }

    /// Failure injection: silently ignore the next `count` queries (to exercise client retries and timeouts).
    public func dropQueries(_ count: Int) {
        state.withLockedValue { $0.queriesToDrop = max(0, count) }
    }

    /// Closes the socket.
    public func stop() async throws {
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {
            // Stopping twice is fine.
        }
    }
}
