import NIOCore
import NIOHTTP1

/// Server side of `LoopbackHTTPServer`: one request at a time per connection (NIO's pipelining assistance
/// holds the next one back), the reply computed by the server's handler, an optional delay honoured with
/// `scheduleTask` on the event loop, keep-alive as the client asks.
final class LoopbackHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Most request-body bytes kept and passed to the handler (1 MiB); the rest is dropped.
    static let maxRequestBody = 1 << 20

    private let respond: LoopbackHTTPServer.RequestHandler
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(respond: @escaping LoopbackHTTPServer.RequestHandler) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.removeAll(keepingCapacity: true)
        case .body(var chunk):
            let room = Self.maxRequestBody - body.count
            if room > 0, let bytes = chunk.readBytes(length: min(room, chunk.readableBytes)) {
                body += bytes
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let reply = respond(requestHead, body)
            body.removeAll(keepingCapacity: true)
            if reply.delayMs > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(reply.delayMs))) {
                    self.write(context: context, request: requestHead, reply: reply)
                }
            } else {
                write(context: context, request: requestHead, reply: reply)
            }
        }
    }

    private func write(context: ChannelHandlerContext, request: HTTPRequestHead, reply: LoopbackHTTPServer.Reply) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        var text = reply.body
        if (300..<400).contains(reply.status) {
            headers.add(name: "Location", value: text)
            text = ""
        }
        let buffer = context.channel.allocator.buffer(string: text)
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        let keepAlive = request.isKeepAlive
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if request.version == .http1_0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD, buffer.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if keepAlive {
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
