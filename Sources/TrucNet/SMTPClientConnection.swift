import NIOCore
import NIOPosix
import NIOSSL
import TrucCore

/// One client connection: writes commands, reads replies, upgrades to TLS, and enforces the
/// exchange's deadline by failing the reply handler and closing the channel.
final class SMTPClientConnection: Sendable {
    let channel: any Channel
    /// The reply handler, kept here because a closed channel's pipeline no longer lists it.
    private let handler: NIOLoopBound<SMTPClientHandler>
    private let deadline: Scheduled<Void>

    private init(channel: any Channel, handler: NIOLoopBound<SMTPClientHandler>, deadline: Scheduled<Void>) {
        self.channel = channel
        self.handler = handler
        self.deadline = deadline
    }

    /// Connects to `host:port` (with TLS from the start when `tlsContext` is given); the deadline
    /// starts now and covers everything until `close()`.
    static func connect(
        host: String,
        port: Int,
        tlsContext: NIOSSLContext?,
        serverHostname: String?,
        timeout: Duration,
        group: any EventLoopGroup
    ) async throws -> SMTPClientConnection {
        let eventLoop = group.next()
        let start = NIODeadline.now()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout.timeAmount)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                        }
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: 4096)))
                        try channel.pipeline.syncOperations.addHandler(SMTPClientHandler())
                    }
                }
                .connect(host: host, port: port)
                .get()
        } catch ChannelError.connectTimeout {
            throw SMTPError.timeout
        } catch {
            throw SMTPError.connectionFailed("cannot connect to \(host):\(port): \(error)")
        }
        let remaining = timeout.timeAmount - (NIODeadline.now() - start)
        let setUp = channel.eventLoop.submit {
            let handler = NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self), eventLoop: channel.eventLoop)
            let deadline = channel.eventLoop.scheduleTask(in: remaining) {
                handler.value.fail(.timeout)
                channel.close(promise: nil)
            }
            return (handler, deadline)
        }
        do {
            let (handler, deadline) = try await setUp.get()
            return SMTPClientConnection(channel: channel, handler: handler, deadline: deadline)
        } catch {
            channel.close(promise: nil)
            throw SMTPError.connectionClosed
        }
    }

    /// Sends raw text (already CRLF-terminated).
    func write(_ text: String) async throws {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        do {
            try await channel.writeAndFlush(buffer)
        } catch {
            throw try await pendingFailure() ?? SMTPClientHandler.classify(error)
        }
    }

    /// The next complete reply.
    func readReply() async throws -> SMTPReply {
        let eventLoop = channel.eventLoop
        let handler = self.handler
        do {
            return try await eventLoop.flatSubmit {
                handler.value.nextReply(on: eventLoop)
            }.get()
        } catch {
            throw SMTPClientHandler.classify(error)
        }
    }

    /// Sends one command line and returns its reply.
    func command(_ line: String) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await readReply()
    }

    /// Inserts TLS below the line decoder after a successful STARTTLS reply. Refuses if the server
    /// sent anything after that reply (such bytes would have crossed in clear text).
    func upgradeToTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        let handler = self.handler
        try await channel.eventLoop.submit {
            guard !handler.value.hasUnreadInput else {
                throw SMTPError.protocolViolation("data received after STARTTLS reply")
            }
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
        }.get()
    }

    /// The error the reply handler recorded, if the connection already failed.
    private func pendingFailure() async throws -> SMTPError? {
        let handler = self.handler
        let future: EventLoopFuture<SMTPError?> = channel.eventLoop.submit {
            handler.value.recordedFailure
        }
        return try? await future.get()
    }

    /// Cancels the deadline and closes the socket.
    func close() async {
        deadline.cancel()
        try? await channel.close()
    }
}
