import NIOCore
import NIOHTTP1

/// Server side of `LoopbackFeedServer`: like `LoopbackHTTPHandler`, with the reply's own headers and bytes, and
/// cut transfers.
final class LoopbackFeedHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: LoopbackFeedServer.Handler
    private var head: HTTPRequestHead?

    init(respond: @escaping LoopbackFeedServer.Handler) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
        case .body:
            break
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let reply = respond(requestHead)
            if reply.delayMs > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(reply.delayMs))) {
                    self.write(context: context, request: requestHead, reply: reply)
                }
            } else {
                write(context: context, request: requestHead, reply: reply)
            }
        }
    }

    private func write(context: ChannelHandlerContext, request: HTTPRequestHead, reply: FeedReply) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        if !headers.contains(name: "Content-Type") { headers.add(name: "Content-Type", value: "application/octet-stream") }
        headers.add(name: "Content-Length", value: String(reply.body.count))
        let keepAlive = request.isKeepAlive && reply.cutAfter == nil
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let sent = reply.cutAfter.map { min($0, reply.body.count) } ?? reply.body.count
        if request.method != .HEAD, sent > 0 {
            let buffer = context.channel.allocator.buffer(bytes: reply.body[0..<sent])
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if reply.cutAfter != nil {
            context.flush()
            context.close(promise: nil)
        } else if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
