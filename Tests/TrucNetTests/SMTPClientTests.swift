import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

@Suite("SMTP client against the loopback sink", .timeLimit(.minutes(5)))
struct SMTPClientTests {
    let group = MultiThreadedEventLoopGroup.singleton
    static let subject = "Cảnh báo: phát hiện lỗ hổng nghiêm trọng trên cổng thông tin điện tử của Sở — cần xử lý ngay trong ngày"
    static let body = "Kính gửi đồng chí,\nHệ thống Trực ATTT ghi nhận sự cố.\nTrân trọng."

    func settings(port: Int, security: SMTPSecurity = .none, username: String? = nil, password: String? = nil,
                  trustRoots: NIOSSLTrustRoots = .default) -> SMTPSettings {
        SMTPSettings(host: "127.0.0.1", port: port, security: security, username: username, password: password,
                     heloName: "truc.test", timeout: .seconds(120), trustRoots: trustRoots)
    }

    func message(to recipients: [String]) throws -> MailMessage {
        try MailMessage(
            from: MailAddress(parsing: "Trực ban ATTT <truc@attt.example.vn>"),
            to: recipients.map { try MailAddress(parsing: $0) },
            subject: Self.subject,
            textBody: Self.body,
            date: Date(timeIntervalSince1970: 1_741_075_509),
            messageID: MailMessage.makeMessageID(domain: "truc.test")
        )
    }

    @Test("Vietnamese subject and body arrive intact")
    func vietnameseRoundTrip() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        try await SMTPClient(group: group).send(try message(to: ["Nguyễn Văn An <an@example.vn>"]), using: settings(port: sink.port))
        let received = try await sink.waitForMessages(count: 1, timeout: .seconds(60))
        let mail = try #require(received.first)
        #expect(mail.from == "truc@attt.example.vn")
        #expect(mail.recipients == ["an@example.vn"])
        #expect(mail.header("Subject") == Self.subject)
        #expect(mail.header("From") == "Trực ban ATTT <truc@attt.example.vn>")
        #expect(mail.header("To") == "Nguyễn Văn An <an@example.vn>")
        #expect(mail.decodedTextBody == Self.body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(mail.authenticatedUser == nil)
        #expect(!mail.overTLS)
    }

    @Test("every recipient gets an RCPT TO")
    func multipleRecipients() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        let client = SMTPClient(group: group)
        try await client.send(try message(to: ["a@example.vn", "B <b@example.vn>", "c@example.org"]), using: settings(port: sink.port))
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.recipients == ["a@example.vn", "b@example.vn", "c@example.org"])
        sink.clear()
        #expect(await sink.messages().isEmpty)
        try await client.send(try message(to: ["d@example.vn"]), using: settings(port: sink.port))
        #expect(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).map(\.recipients) == [["d@example.vn"]])
    }

    @Test("lines starting with a dot are stuffed and unstuffed")
    func dotStuffing() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        let raw = "Subject: dots\r\n\r\n.leading dot\r\n.\r\n..two dots\r\nlast line without newline"
        try await SMTPClient(group: group).send(rawMessage: raw, from: "truc@attt.example.vn",
                                                recipients: ["an@example.vn"], using: settings(port: sink.port))
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.data == raw + "\r\n")
        #expect(mail.entity.body == ".leading dot\r\n.\r\n..two dots\r\nlast line without newline\r\n")
    }

    @Test("a 550 for a recipient is a permanent error with the server's text")
    func permanentRejection() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        sink.rejectRecipients(matching: "nobody@")
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn", "nobody@example.vn"]),
                                                    using: settings(port: sink.port))
        }
        guard case .rejected(let command, let code, let text)? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(command == "RCPT TO")
        #expect(code == 550)
        #expect(text.contains("nobody@example.vn"))
        #expect(error?.isPermanent == true)
        #expect(error?.code == 550)
        #expect(await sink.messages().isEmpty)
        sink.rejectRecipients(matching: nil)
        try await SMTPClient(group: group).send(try message(to: ["nobody@example.vn"]), using: settings(port: sink.port))
        #expect(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).count == 1)
    }

    @Test("a 450 for a recipient is transient")
    func transientRejection() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        sink.rejectRecipients(matching: "busy", code: 450)
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(group: group).send(try message(to: ["busy@example.vn"]), using: settings(port: sink.port))
        }
        #expect(error?.code == 450)
        #expect(error?.isTransient == true)
    }

    @Test("connection refused is a transient connectionFailed")
    func connectionRefused() async throws {
        let listener = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        try await listener.close()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: settings(port: port))
        }
        guard case .connectionFailed? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
    }

    @Test("a server that never greets runs into the timeout")
    func silentServer() async throws {
        let listener = try await ServerBootstrap(group: group)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        var quick = settings(port: port)
        quick.timeout = .milliseconds(300)
        await #expect(throws: SMTPError.timeout) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: quick)
        }
        #expect(SMTPError.timeout.isTransient)
        try await listener.close()
    }

    @Test("AUTH PLAIN sends the user name; the password never shows in descriptions")
    func authentication() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        let secret = "mật-khẩu-bí-mật-42"
        let configured = settings(port: sink.port, username: "canbo.truc", password: secret)
        try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: configured)
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.authenticatedUser == "canbo.truc")
        #expect(!mail.data.contains(secret))
        #expect(!configured.description.contains(secret))
        #expect(configured.description.contains("<redacted>"))
        #expect(!String(reflecting: configured).contains(secret))
        var dumped = ""
        dump(configured, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect(!"\(configured)".contains(secret))
    }

    @Test("STARTTLS upgrade with a trusted certificate")
    func startTLS() async throws {
        let sink = try await SMTPSink.start(tlsContext: try TestTLS.serverContext(), group: group)
        defer { sink.stop() }
        let configured = settings(port: sink.port, security: .startTLS, username: "u", password: "p",
                                  trustRoots: try TestTLS.trustRoots())
        try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: configured)
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.overTLS)
        #expect(mail.authenticatedUser == "u")
        #expect(mail.header("Subject") == Self.subject)
    }

    @Test("implicit TLS")
    func implicitTLS() async throws {
        let sink = try await SMTPSink.start(tlsContext: try TestTLS.serverContext(), implicitTLS: true, group: group)
        defer { sink.stop() }
        let configured = settings(port: sink.port, security: .tls, trustRoots: try TestTLS.trustRoots())
        try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: configured)
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.overTLS)
    }

    @Test("certificates are verified by default")
    func untrustedCertificate() async throws {
        let sink = try await SMTPSink.start(tlsContext: try TestTLS.serverContext(), group: group)
        defer { sink.stop() }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]),
                                                    using: settings(port: sink.port, security: .startTLS))
        }
        guard case .tlsFailed? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(await sink.messages().isEmpty)
    }

    @Test("STARTTLS required but not offered")
    func startTLSMissing() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]),
                                                    using: settings(port: sink.port, security: .startTLS))
        }
        #expect(SMTPError.startTLSUnavailable.isPermanent)
    }

    @Test("credentials are not sent in clear text to other hosts")
    func insecureAuthenticationGuard() {
        #expect(SMTPClient.isLoopback("127.0.0.1"))
        #expect(SMTPClient.isLoopback("::1"))
        #expect(SMTPClient.isLoopback("localhost"))
        #expect(!SMTPClient.isLoopback("mail.example.vn"))
        #expect(!SMTPClient.isLoopback("192.0.2.25"))
        #expect(SMTPClient.sniHostname("127.0.0.1") == nil)
        #expect(SMTPClient.sniHostname("mail.example.vn") == "mail.example.vn")
        #expect(!SMTPClient.isSafePath("a@b>\r\nRCPT TO:<c@d"))
    }

    @Test("a message failing validation is a permanent error and is not sent")
    func invalidMessage() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        var evil = try message(to: ["an@example.vn"])
        evil.headers = [("X-Note", "x\r\nBcc: victim@example.org")]
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(group: group).send(evil, using: settings(port: sink.port))
        }
        #expect(error == .invalidMessage(MailError.headerInjection(field: "X-Note").description))
        #expect(error?.isPermanent == true)
        #expect(await sink.messages().isEmpty)
    }

    @Test("bad settings are refused before connecting")
    func badSettings() async throws {
        var bad = settings(port: 0)
        await #expect(throws: SMTPError.invalidSettings("port 0")) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: bad)
        }
        bad = settings(port: 25)
        bad.heloName = "evil\r\nRSET"
        await #expect(throws: SMTPError.invalidSettings("heloName")) {
            try await SMTPClient(group: group).send(try message(to: ["an@example.vn"]), using: bad)
        }
    }
}
