import NIOCore
import TrucCore

/// Runs one UDP exchange on its own channel: sends the query when the channel becomes active,
/// sends it once more halfway to the deadline, accepts only a datagram from the server that
/// carries the query's ID and question, and closes the channel when done.
final class DNSQueryHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let query: [UInt8]
    private let id: UInt16
    private let question: DNSQuestion
    private let server: SocketAddress
    private let timeout: TimeAmount
    private let promise: EventLoopPromise<DNSResponse>
    private var finished = false
    private var lastDecodeError: DNSError?
    private var retryTask: Scheduled<Void>?
    private var deadlineTask: Scheduled<Void>?

    init(query: [UInt8], id: UInt16, question: DNSQuestion, server: SocketAddress, timeout: TimeAmount, promise: EventLoopPromise<DNSResponse>) {
        self.query = query
        self.id = id
        self.question = question
        self.server = server
        self.timeout = timeout
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        send(context: context)
        retryTask = context.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds / 2)) {
            loopBoundSelf.value.send(context: loopBoundContext.value)
        }
        deadlineTask = context.eventLoop.scheduleTask(in: timeout) {
            let handler = loopBoundSelf.value
            handler.finish(context: loopBoundContext.value, .failure(handler.lastDecodeError ?? .timeout))
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard !finished, envelope.remoteAddress == server else { return }
        let bytes = Array(envelope.data.readableBytesView)
        do {
            let response = try DNSMessage.parseResponse(bytes, expectedID: id)
            guard response.questions.count == 1,
                  let echoed = response.questions.first,
                  DNSMessage.normalized(name: echoed.name) == question.name,
                  echoed.typeCode == question.typeCode,
                  echoed.classCode == question.classCode else {
                lastDecodeError = .questionMismatch
                return
            }
            finish(context: context, .success(response))
        } catch .idMismatch {
            // A stray or late datagram: keep waiting for ours.
        } catch {
            // Keep waiting (a forged datagram must not end the query) but report it at the deadline.
            lastDecodeError = error
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Datagram sockets may surface ICMP errors here; the deadline decides.
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context: context, .failure(.network("socket closed")))
        context.fireChannelInactive()
    }

    private func send(context: ChannelHandlerContext) {
        guard !finished else { return }
        var buffer = context.channel.allocator.buffer(capacity: query.count)
        buffer.writeBytes(query)
        let write = context.eventLoop.makePromise(of: Void.self)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        write.futureResult.whenFailure { error in
            loopBoundSelf.value.finish(context: loopBoundContext.value, .failure(.network(String(describing: error))))
        }
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: server, data: buffer)), promise: write)
    }

    private func finish(context: ChannelHandlerContext, _ result: Result<DNSResponse, DNSError>) {
        guard !finished else { return }
        finished = true
        retryTask?.cancel()
        deadlineTask?.cancel()
        switch result {
        case .success(let response): promise.succeed(response)
        case .failure(let error): promise.fail(error)
        }
        context.close(promise: nil)
    }
}
