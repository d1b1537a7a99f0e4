import NIOCore
import NIOPosix
import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

@Suite("SMTP sink conversation", .timeLimit(.minutes(5)))
struct SMTPSinkTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("commands, sequencing, RSET and dot-unstuffing")
    func conversation() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        let connection = try await SMTPClientConnection.connect(
            host: "127.0.0.1", port: sink.port, tlsContext: nil, serverHostname: nil, timeout: .seconds(120), group: group)
        #expect(try await connection.readReply().code == 220)
        #expect(try await connection.command("MAIL FROM:<a@example.vn>").code == 503)
        #expect(try await connection.command("HELO old.client").code == 250)
        #expect(try await connection.command("NOOP").code == 250)
        #expect(try await connection.command("RCPT TO:<b@example.vn>").code == 503)
        #expect(try await connection.command("MAIL FROM:<a@example.vn>").code == 250)
        #expect(try await connection.command("RCPT TO:<b@example.vn>").code == 250)
        #expect(try await connection.command("RSET").code == 250)
        #expect(try await connection.command("DATA").code == 503)
        #expect(try await connection.command("MAIL FROM:<>").code == 250)
        #expect(try await connection.command("RCPT TO:<c@example.vn>").code == 250)
        #expect(try await connection.command("DATA").code == 354)
        #expect(try await connection.command("Subject: x\r\n\r\n..a\r\nb\r\n.").code == 250)
        #expect(try await connection.command("BOGUS").code == 502)
        #expect(try await connection.command("QUIT").code == 221)
        await connection.close()
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail == ReceivedMail(from: "", recipients: ["c@example.vn"], data: "Subject: x\r\n\r\n.a\r\nb\r\n"))
    }

    @Test("AUTH LOGIN is accepted and only the user name kept")
    func authLogin() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        let connection = try await SMTPClientConnection.connect(
            host: "127.0.0.1", port: sink.port, tlsContext: nil, serverHostname: nil, timeout: .seconds(120), group: group)
        _ = try await connection.readReply()
        let ehlo = try await connection.command("EHLO me")
        #expect(ehlo.ehloKeywords["AUTH"] == ["PLAIN", "LOGIN"])
        #expect(ehlo.ehloKeywords["STARTTLS"] == nil)
        #expect(try await connection.command("AUTH LOGIN").code == 334)
        #expect(try await connection.command("dXNlcg==").code == 334)
        #expect(try await connection.command("c2VjcmV0").code == 235)
        #expect(try await connection.command("MAIL FROM:<a@example.vn>").code == 250)
        #expect(try await connection.command("RCPT TO:<b@example.vn>").code == 250)
        #expect(try await connection.command("DATA").code == 354)
        #expect(try await connection.command("x\r\n.").code == 250)
        await connection.close()
        let mail = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first)
        #expect(mail.authenticatedUser == "user")
    }

    @Test("waiting for messages that never come times out")
    func waitTimeout() async throws {
        let sink = try await SMTPSink.start(group: group)
        defer { sink.stop() }
        await #expect(throws: SMTPError.timeout) { try await sink.waitForMessages(count: 1, timeout: .milliseconds(100)) }
    }

    @Test("the sink also listens on IPv6 loopback")
    func ipv6() async throws {
        let sink: SMTPSink
        do {
            sink = try await SMTPSink.start(host: "::1", group: group)
        } catch {
            withKnownIssue("no IPv6 loopback on this machine") { throw error }
            return
        }
        defer { sink.stop() }
        let settings = SMTPSettings(host: "::1", port: sink.port, security: .none, heloName: "truc.test", timeout: .seconds(120))
        let message = MailMessage(from: MailAddress(address: "a@example.vn"), to: [MailAddress(address: "b@example.vn")],
                                  subject: "v6", textBody: "ok", date: .init(timeIntervalSince1970: 0), messageID: "v6@truc.test")
        try await SMTPClient(group: group).send(message, using: settings)
        #expect(try await sink.waitForMessages(count: 1, timeout: .seconds(60)).first?.decodedTextBody == "ok")
    }
}
