import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import TrucNet

/// A small SMTP server that accepts everything (or refuses chosen recipients) and keeps the
/// messages in memory, for tests and local demos. It speaks EHLO/HELO, AUTH PLAIN/LOGIN (any
/// credentials), optional STARTTLS or implicit TLS, MAIL, RCPT, DATA (dot-unstuffed), RSET,
/// NOOP, VRFY and QUIT.
public final class SMTPSink: Sendable {
    /// The messages kept by the sink (`SMTPSink.ReceivedMail` and `ReceivedMail` are the same type).
    public typealias ReceivedMail = TrucTestSupport.ReceivedMail

    struct State {
        var messages: [ReceivedMail] = []
        var recipientRejection: (pattern: String, code: Int)?
        var connections: [ObjectIdentifier: any Channel] = [:]
    }

    private let serverChannel: any Channel
    private let state: NIOLockedValueBox<State>
    /// The bound host.
    public let host: String
    /// The bound TCP port (the ephemeral one when started with port 0).
    public let port: Int

    private init(serverChannel: any Channel, state: NIOLockedValueBox<State>, host: String, port: Int) {
        self.serverChannel = serverChannel
        self.state = state
        self.host = host
        self.port = port
    }

    /// Starts listening on `host:port` (loopback and an ephemeral port by default).
    /// - Parameters:
    ///   - tlsContext: a server TLS context; with it the sink offers STARTTLS, or, with
    ///     `implicitTLS`, speaks TLS from the first byte.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        tlsContext: NIOSSLContext? = nil,
        implicitTLS: Bool = false,
        group: any EventLoopGroup
    ) async throws -> SMTPSink {
        let state = NIOLockedValueBox(State())
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                state.withLockedValue { $0.connections[key] = channel }
                channel.closeFuture.whenComplete { _ in
                    _ = state.withLockedValue { $0.connections.removeValue(forKey: key) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    let implicit = implicitTLS && tlsContext != nil
                    if implicit, let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: 64 * 1024)))
                    try channel.pipeline.syncOperations.addHandler(
                        SMTPSinkHandler(state: state, startTLSContext: implicit ? nil : tlsContext, overTLS: implicit))
                }
            }
            .bind(host: host, port: port)
            .get()
        guard let boundPort = channel.localAddress?.port else {
            try? await channel.close()
            throw SMTPError.connectionFailed("sink has no local port")
        }
        return SMTPSink(serverChannel: channel, state: state, host: host, port: boundPort)
    }

    /// The messages received so far, oldest first.
    public func messages() async -> [ReceivedMail] {
        state.withLockedValue { $0.messages }
    }

    /// Waits until at least `count` messages arrived and returns them all.
    /// - Throws: `SMTPError.timeout` if they have not arrived within `timeout`.
    public func waitForMessages(count: Int, timeout: Duration) async throws -> [ReceivedMail] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let current = state.withLockedValue { $0.messages }
            if current.count >= count { return current }
            guard clock.now < deadline else { throw SMTPError.timeout }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Forgets the received messages.
    public func clear() {
        state.withLockedValue { $0.messages.removeAll() }
    }

    /// Failure injection: RCPT TO addresses containing `pattern` (case-insensitive) get `code`
    /// (550 by default, a permanent failure; use 450 for a transient one). `nil` accepts all again.
    public func rejectRecipients(matching pattern: String?, code: Int = 550) {
        state.withLockedValue { state in
            state.recipientRejection = pattern.map { ($0, code) }
        }
    }

    /// Stops listening and closes open sessions (returns at once; closing completes in the background).
    public func stop() {
        serverChannel.close(promise: nil)
        let open = state.withLockedValue { Array($0.connections.values) }
        for channel in open { channel.close(promise: nil) }
    }
}
