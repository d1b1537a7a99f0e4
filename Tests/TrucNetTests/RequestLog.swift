import NIOConcurrencyHelpers
import NIOHTTP1

/// Records what a loopback server received, for assertions.
final class RequestLog: Sendable {
    private let entries = NIOLockedValueBox<[(head: HTTPRequestHead, body: [UInt8])]>([])

    func append(_ head: HTTPRequestHead, _ body: [UInt8]) {
        entries.withLockedValue { $0.append((head, body)) }
    }

    var all: [(head: HTTPRequestHead, body: [UInt8])] {
        entries.withLockedValue { $0 }
    }

    var count: Int { entries.withLockedValue { $0.count } }
}
