import NIOConcurrencyHelpers
import NIOCore
import TrucCore

/// Answers each query datagram from the stub server's shared record table.
final class DNSStubHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let state: NIOLockedValueBox<DNSStubServer.State>

    init(state: NIOLockedValueBox<DNSStubServer.State>) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let query = Array(envelope.data.readableBytesView)
        guard let question = try? DNSMessage.parseQuestion(query) else { return }
        let decision: (drop: Bool, records: [DNSRecord]) = state.withLockedValue { state in
            state.queriesReceived += 1
            if state.queriesToDrop > 0 {
                state.queriesToDrop -= 1
                return (true, [])
            }
            return (false, state.records)
        }
        guard !decision.drop else { return }
        let (answers, rcode) = Self.answer(question, from: decision.records)
        // A record that cannot be encoded turns into SERVFAIL rather than silence.
        guard let reply = (try? DNSMessage.response(to: query, answers: answers, rcode: rcode))
                ?? (try? DNSMessage.response(to: query, answers: [], rcode: 2)) else { return }
        var buffer = context.channel.allocator.buffer(capacity: reply.count)
        buffer.writeBytes(reply)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: buffer)), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A failed send to one client must not stop the server.
    }

    /// Looks a question up: NXDOMAIN if no record has the name, the records of the type if any,
    /// else a CNAME chain (followed inside the table, at most 8 steps), else an empty NOERROR.
    static func answer(_ question: DNSQuestion, from records: [DNSRecord]) -> ([DNSRecord], Int) {
        func named(_ name: String) -> [DNSRecord] {
            records.filter { DNSMessage.normalized(name: $0.name) == name }
        }
        var name = DNSMessage.normalized(name: question.name)
        let first = named(name)
        guard !first.isEmpty else { return ([], 3) }
        var answers = [DNSRecord]()
        var current = first
        for _ in 0..<8 {
            let matching = current.filter { $0.type.code == question.typeCode }
            if !matching.isEmpty { return (answers + matching, 0) }
            guard question.typeCode != DNSRecordType.cname.code,
                  let alias = current.first(where: { $0.type == .cname }) else { break }
            answers.append(alias)
            name = DNSMessage.normalized(name: alias.value)
            current = named(name)
        }
        return (answers, 0)
    }
}
