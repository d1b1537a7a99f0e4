import NIOConcurrencyHelpers
import NIOCore

/// The accepted connections of a loopback server, so that stopping the server closes them too.
final class OpenChannels: Sendable {
    private let channels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
    private let accepted = NIOLockedValueBox<Int>(0)

    /// Connections accepted since start.
    var acceptedCount: Int { accepted.withLockedValue { $0 } }

    /// Connections open now.
    var openCount: Int { channels.withLockedValue { $0.count } }

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        accepted.withLockedValue { $0 += 1 }
        channels.withLockedValue { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = self.channels.withLockedValue { $0.removeValue(forKey: id) }
        }
    }

    func closeAll() async {
        let all = channels.withLockedValue { Array($0.values) }
        for channel in all {
            try? await channel.close().get()
        }
    }
}
