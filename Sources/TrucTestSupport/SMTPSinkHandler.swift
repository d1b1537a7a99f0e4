import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import TrucNet

/// One SMTP server session of `SMTPSink`. Event-loop confined.
final class SMTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private enum Mode {
        case command
        case data
        case authPlain
        case authLoginUser
        case authLoginPassword
    }

    /// Largest message accepted (bigger ones get 552 after DATA).
    static let maximumMessageSize = 10 * 1024 * 1024

    private let state: NIOLockedValueBox<SMTPSink.State>
    private let startTLSContext: NIOSSLContext?
    private var overTLS: Bool
    private var mode = Mode.command
    private var greeted = false
    private var from: String?
    private var recipients: [String] = []
    private var dataText = ""
    private var dataTooLarge = false
    private var pendingUser: String?
    private var user: String?

    init(state: NIOLockedValueBox<SMTPSink.State>, startTLSContext: NIOSSLContext?, overTLS: Bool) {
        self.state = state
        self.startTLSContext = startTLSContext
        self.overTLS = overTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        reply(context, "220 truc-sink ESMTP ready")
        context.fireChannelActive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is SMTPLineDecoder.LineTooLong { reply(context, "500 5.5.2 Line too long") }
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        switch mode {
        case .data: dataLine(context, line)
        case .authPlain: finishAuthPlain(context, line)
        case .authLoginUser:
            pendingUser = Self.base64Text(line)
            mode = .authLoginPassword
            reply(context, "334 UGFzc3dvcmQ6")
        case .authLoginPassword:
            // The password is read and dropped.
            mode = .command
            user = pendingUser
            pendingUser = nil
            reply(context, "235 2.7.0 Authentication successful")
        case .command: command(context, line)
        }
    }

    private func command(_ context: ChannelHandlerContext, _ line: String) {
        let verb = line.prefix { $0 != " " }.uppercased()
        let argument = line.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        switch verb {
        case "EHLO":
            greeted = true
            resetTransaction()
            var lines = ["truc-sink greets \(argument)", "8BITMIME", "SMTPUTF8", "PIPELINING", "AUTH PLAIN LOGIN"]
            if startTLSContext != nil && !overTLS { lines.append("STARTTLS") }
            lines.append("SIZE \(Self.maximumMessageSize)")
            reply(context, code: 250, lines)
        case "HELO":
            greeted = true
            resetTransaction()
            reply(context, "250 truc-sink")
        case "STARTTLS":
            guard let startTLSContext, !overTLS else { return reply(context, "502 5.5.1 STARTTLS not available") }
            reply(context, "220 2.0.0 Ready to start TLS")
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: startTLSContext), position: .first)
                overTLS = true
                greeted = false
                user = nil
                resetTransaction()
            } catch {
                context.close(promise: nil)
            }
        case "AUTH":
            let words = argument.split(separator: " ")
            guard greeted, user == nil else { return reply(context, "503 5.5.1 Bad sequence of commands") }
            switch words.first?.uppercased() {
            case "PLAIN":
                if words.count > 1 {
                    finishAuthPlain(context, String(words[1]))
                } else {
                    mode = .authPlain
                    reply(context, "334 ")
                }
            case "LOGIN":
                if words.count > 1 {
                    pendingUser = Self.base64Text(String(words[1]))
                    mode = .authLoginPassword
                    reply(context, "334 UGFzc3dvcmQ6")
                } else {
                    mode = .authLoginUser
                    reply(context, "334 VXNlcm5hbWU6")
                }
            default:
                reply(context, "504 5.5.4 Unrecognized authentication type")
            }
        case "MAIL":
            guard greeted else { return reply(context, "503 5.5.1 Say EHLO first") }
            guard from == nil else { return reply(context, "503 5.5.1 Nested MAIL command") }
            guard argument.uppercased().hasPrefix("FROM:"), let address = Self.path(in: argument) else {
                return reply(context, "501 5.5.4 Syntax: MAIL FROM:<address>")
            }
            from = address
            reply(context, "250 2.1.0 Sender OK")
        case "RCPT":
            guard from != nil else { return reply(context, "503 5.5.1 Need MAIL before RCPT") }
            guard argument.uppercased().hasPrefix("TO:"), let address = Self.path(in: argument), !address.isEmpty else {
                return reply(context, "501 5.5.4 Syntax: RCPT TO:<address>")
            }
            let rejection = state.withLockedValue { $0.recipientRejection }
            if let rejection, address.range(of: rejection.pattern, options: .caseInsensitive) != nil {
                let enhanced = rejection.code >= 500 ? "5.1.1" : "4.2.1"
                return reply(context, "\(rejection.code) \(enhanced) <\(address)>: Recipient address rejected")
            }
            recipients.append(address)
            reply(context, "250 2.1.5 Recipient OK")
        case "DATA":
            guard from != nil, !recipients.isEmpty else { return reply(context, "503 5.5.1 Need RCPT before DATA") }
            mode = .data
            dataText = ""
            dataTooLarge = false
            reply(context, "354 End data with <CR><LF>.<CR><LF>")
        case "RSET":
            resetTransaction()
            reply(context, "250 2.0.0 OK")
        case "NOOP":
            reply(context, "250 2.0.0 OK")
        case "VRFY":
            reply(context, "252 2.1.5 Cannot VRFY user")
        case "QUIT":
            let closing = context.channel
            context.writeAndFlush(wrapOutboundOut(Self.buffer(context, "221 2.0.0 Bye\r\n"))).whenComplete { _ in
                closing.close(promise: nil)
            }
        default:
            reply(context, "502 5.5.2 Command not recognized")
        }
    }

    private func dataLine(_ context: ChannelHandlerContext, _ line: String) {
        if line == "." {
            mode = .command
            if dataTooLarge {
                reply(context, "552 5.3.4 Message too big")
            } else {
                let mail = ReceivedMail(from: from ?? "", recipients: recipients, data: dataText,
                                        authenticatedUser: user, overTLS: overTLS)
                state.withLockedValue { $0.messages.append(mail) }
                reply(context, "250 2.0.0 OK queued as \(UUID().uuidString.prefix(8))")
            }
            resetTransaction()
            return
        }
        guard !dataTooLarge else { return }
        let unstuffed = line.hasPrefix(".") ? String(line.dropFirst()) : line
        if dataText.utf8.count + unstuffed.utf8.count + 2 > Self.maximumMessageSize {
            dataTooLarge = true
            dataText = ""
            return
        }
        dataText += unstuffed + "\r\n"
    }

    private func finishAuthPlain(_ context: ChannelHandlerContext, _ token: String) {
        mode = .command
        guard let data = Data(base64Encoded: token) else {
            return reply(context, "501 5.5.2 Cannot decode response")
        }
        // authzid \0 authcid \0 password: keep the user name, drop the password.
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return reply(context, "501 5.5.2 Malformed PLAIN response") }
        user = String(decoding: fields[1], as: UTF8.self)
        reply(context, "235 2.7.0 Authentication successful")
    }

    private func resetTransaction() {
        from = nil
        recipients = []
        dataText = ""
        dataTooLarge = false
    }

    private func reply(_ context: ChannelHandlerContext, _ line: String) {
        context.writeAndFlush(wrapOutboundOut(Self.buffer(context, line + "\r\n")), promise: nil)
    }

    private func reply(_ context: ChannelHandlerContext, code: Int, _ lines: [String]) {
        var text = ""
        for (index, line) in lines.enumerated() {
            text += "\(code)\(index == lines.count - 1 ? " " : "-")\(line)\r\n"
        }
        context.writeAndFlush(wrapOutboundOut(Self.buffer(context, text)), promise: nil)
    }

    private static func buffer(_ context: ChannelHandlerContext, _ text: String) -> ByteBuffer {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        return buffer
    }

    /// The address between "<" and ">" after "FROM:" / "TO:" ("" for the null path).
    private static func path(in argument: String) -> String? {
        guard let open = argument.firstIndex(of: "<"), let close = argument[open...].firstIndex(of: ">") else { return nil }
        return String(argument[argument.index(after: open)..<close])
    }

    private static func base64Text(_ token: String) -> String? {
        Data(base64Encoded: token.trimmingCharacters(in: .whitespaces)).map { String(decoding: $0, as: UTF8.self) }
    }
}
