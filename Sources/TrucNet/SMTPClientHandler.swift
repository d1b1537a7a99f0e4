import NIOCore
import NIOSSL
import TrucCore

/// Turns decoded lines into `SMTPReply` values and hands them, in order, to whoever asked with
/// `nextReply()`. Fails every waiter once the connection breaks, times out or says nonsense.
/// Event-loop confined.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = String

    private var parser = SMTPReplyParser()
    private var buffered: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: SMTPError?

    /// `true` if replies (or part of one) arrived that nobody asked for yet.
    var hasUnreadInput: Bool { !buffered.isEmpty || parser.isInsideReply }

    /// The failure that ended the connection, if any.
    var recordedFailure: SMTPError? { failure }

    /// The next reply, already received or still to come.
    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !buffered.isEmpty { return eventLoop.makeSucceededFuture(buffered.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        return promise.futureResult
    }

    /// Fails all current and future waiters with `error` (the first failure wins).
    func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        let promises = waiting
        waiting.removeAll()
        for promise in promises { promise.fail(failure ?? error) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        do {
            guard let reply = try parser.feed(line) else { return }
            if waiting.isEmpty {
                buffered.append(reply)
            } else {
                waiting.removeFirst().succeed(reply)
            }
        } catch {
            fail(.protocolViolation(error.description))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Self.classify(error))
        context.close(promise: nil)
    }

    /// Maps a channel error to the `SMTPError` a caller should see.
    static func classify(_ error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError: error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: .tlsFailed(String(describing: error))
        case is SMTPLineDecoder.LineTooLong: .protocolViolation("reply line too long")
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof: .connectionClosed
        default: .connectionFailed(String(describing: error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.connectionClosed)
        context.fireChannelInactive()
    }
}
