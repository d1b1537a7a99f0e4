import Foundation
import NIOCore
import NIOPosix
import TrucCore

/// A minimal stub resolver over UDP (RFC 1035): one question per query, answers decoded into
/// `DNSRecord` values. Each query uses a fresh socket (so a fresh ephemeral source port chosen by
/// the system) and a random 16-bit ID; the answer must come from the server's address and echo
/// both the ID and the question. The query is sent once more halfway to the deadline.
public struct DNSClient: Sendable {
    /// The event loops sockets run on.
    public let group: any EventLoopGroup

    public init(group: any EventLoopGroup) {
        self.group = group
    }

    /// Asks `server` for the `type` records of `name` and returns the answer section's records
    /// (A, AAAA, CNAME, NS, MX, TXT; a CNAME chain the server adds is included, so filter by
    /// `type` if only the final records matter). NOERROR with no such record returns `[]`.
    /// - Parameters:
    ///   - server: "127.0.0.1:5353", "[::1]:53", "8.8.8.8" (port 53 by default); an IP literal.
    ///   - timeout: the bound for the whole exchange, retry included.
    /// - Throws: `DNSError`: `.invalidName`, `.invalidServerAddress`, `.serverFailure(rcode:)` for a
    ///   non-zero RCODE (NXDOMAIN is rcode 3, see `isNameNotFound`), `.responseTruncated` if the
    ///   TC bit is set, `.timeout`, `.network`, or the decoding error of the last malformed answer.
    ///   `CancellationError` if the task is cancelled.
    public func query(name: String, type: DNSRecordType, server: String, timeout: Duration) async throws -> [DNSRecord] {
        let response = try await exchange(name: name, type: type, server: server, timeout: timeout)
        guard response.rcode == 0 else { throw DNSError.serverFailure(rcode: response.rcode) }
        guard !response.truncated else { throw DNSError.responseTruncated }
        return response.answers
    }

    /// Like `query` but returns the decoded response whatever its RCODE or TC bit.
    public func exchange(name: String, type: DNSRecordType, server: String, timeout: Duration) async throws -> DNSResponse {
        try DNSMessage.validate(name: name)
        let address = try DNSServerAddress(parsing: server)
        let remote: SocketAddress
        do { remote = try address.socketAddress() } catch { throw DNSError.invalidServerAddress(server) }
        let id = UInt16.random(in: .min ... .max)
        let bytes = DNSMessage.query(id: id, name: name, type: type)
        let question = DNSQuestion(name: DNSMessage.normalized(name: name), typeCode: type.code, classCode: DNSMessage.classIN)
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: DNSResponse.self)
        let timeAmount = timeout.timeAmount
        let localHost = address.isLoopback ? (address.isIPv6 ? "::1" : "127.0.0.1") : (address.isIPv6 ? "::" : "0.0.0.0")
        let channel: any Channel
        do {
            channel = try await DatagramBootstrap(group: eventLoop)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            DNSQueryHandler(query: bytes, id: id, question: question, server: remote,
                                            timeout: timeAmount, promise: promise))
                    }
                }
                .bind(host: localHost, port: 0)
                .get()
        } catch {
            promise.fail(DNSError.network("cannot open UDP socket: \(error)"))
            throw DNSError.network("cannot open UDP socket: \(error)")
        }
        return try await withTaskCancellationHandler {
            do {
                return try await promise.futureResult.get()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw error
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
