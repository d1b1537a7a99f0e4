import Foundation
import NIOCore
import NIOSSL
import NIOTLS

/// Sits behind a `NIOSSLClientHandler` and completes a promise with the notAfter of the peer's leaf
/// certificate once the handshake completes, or with the error that ends it. Closes the channel either way.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The channel closed before the handshake completed.
    struct ClosedDuringHandshake: Error {}
    /// The handshake completed but the server sent no certificate.
    struct NoPeerCertificate: Error {}

    private let promise: EventLoopPromise<Date>

    init(promise: EventLoopPromise<Date>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            do {
                let ssl = try context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
                if let leaf = ssl.peerCertificate {
                    promise.succeed(Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter)))
                } else {
                    promise.fail(NoPeerCertificate())
                }
            } catch {
                promise.fail(error)
            }
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ClosedDuringHandshake())
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Application data after the handshake is of no interest.
    }
}
