import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Receives one response for the HTTP probe (async-http-client's delegate API) and notes when the request head
/// went out on an open connection and when the response head came back, so that the probe can tell the time to
/// get a connection from the target's own answer time.
///
/// It keeps at most `keepBytes` of the body and stops reading after `readBytes` (failing the request with
/// ``Enough``, which closes that connection; what was collected stays readable through ``collected``).
final class ProbeResponseCollector: HTTPClientResponseDelegate, Sendable {
    struct Collected: Sendable {
        var status = 0
        var location: String?
        var body: [UInt8] = []
        var seenBytes = 0
        /// When the request head was written: the connection (and TLS) was ready.
        var sentAt: ContinuousClock.Instant?
        /// When the response head arrived.
        var headAt: ContinuousClock.Instant?
    }

    /// Thrown (as a failed future) once `readBytes` of body have been read.
    struct Enough: Error {}

    typealias Response = Collected

    let keepBytes: Int
    let readBytes: Int
    private let box = NIOLockedValueBox(Collected())

    init(keepBytes: Int, readBytes: Int) {
        self.keepBytes = keepBytes
        self.readBytes = max(1, readBytes)
    }

    /// What was received so far (complete once the request's future has completed).
    var collected: Collected { box.withLockedValue { $0 } }

    func didSendRequestHead(task: HTTPClient.Task<Collected>, _ head: HTTPRequestHead) {
        let now = ContinuousClock.now
        box.withLockedValue { $0.sentAt = now }
    }

    func didReceiveHead(task: HTTPClient.Task<Collected>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        box.withLockedValue {
            $0.headAt = now
            $0.status = Int(head.status.code)
            $0.location = head.headers.first(name: "Location")
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Collected>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let keep = keepBytes, read = readBytes
        let enough = box.withLockedValue { collected -> Bool in
            let room = keep - collected.body.count
            if room > 0 {
                collected.body += buffer.readableBytesView.prefix(room)
            }
            collected.seenBytes += buffer.readableBytes
            return collected.seenBytes >= read
        }
        return enough ? task.eventLoop.makeFailedFuture(Enough()) : task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Collected>) throws -> Collected {
        collected
    }
}
