import NIOCore
import NIOPosix

/// A loopback UDP socket for tests that hands every datagram to `reply` and sends back whatever
/// datagrams it returns (none: the socket reads and drops).
final class UDPTestResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let reply: @Sendable ([UInt8]) -> [[UInt8]]

    init(reply: @escaping @Sendable ([UInt8]) -> [[UInt8]]) {
        self.reply = reply
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        for datagram in reply(Array(envelope.data.readableBytesView)) {
            var buffer = context.channel.allocator.buffer(capacity: datagram.count)
            buffer.writeBytes(datagram)
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: buffer)), promise: nil)
        }
    }

    /// Binds on 127.0.0.1, an ephemeral port.
    static func start(reply: @escaping @Sendable ([UInt8]) -> [[UInt8]]) async throws -> any Channel {
        try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UDPTestResponder(reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }
}
