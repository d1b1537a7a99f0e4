import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TrucCore

/// Delivers `MailMessage`s to an SMTP server (RFC 5321): greeting, EHLO (HELO if refused),
/// STARTTLS or implicit TLS, AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO for each recipient, DATA with
/// dot-stuffing, QUIT. One connection per message; the whole exchange is bounded by
/// `SMTPSettings.timeout`.
public struct SMTPClient: Sendable {
    /// The event loops connections run on.
    public let group: any EventLoopGroup

    public init(group: any EventLoopGroup) {
        self.group = group
    }

    /// Sends `message` from `message.from` to every address in `message.to`, after
    /// `message.validate()` (a failure there is `SMTPError.invalidMessage`, permanent, nothing sent).
    /// - Throws: `SMTPError` (see `isPermanent` to decide on retrying), or `CancellationError`.
    public func send(_ message: MailMessage, using settings: SMTPSettings) async throws {
        do {
            try message.validate()
        } catch {
            throw SMTPError.invalidMessage(error.description)
        }
        try await send(rawMessage: message.rendered(), from: message.from.address,
                       recipients: message.to.map(\.address), using: settings)
    }

    /// Sends an already rendered RFC 5322 message with the given envelope. The text is
    /// dot-stuffed and its line endings made CRLF here.
    /// - Parameters:
    ///   - from: the envelope sender (MAIL FROM), "" for the null sender.
    ///   - recipients: the envelope recipients (RCPT TO), at least one.
    /// - Throws: `SMTPError` (see `isPermanent`), or `CancellationError`.
    public func send(rawMessage: String, from: String, recipients: [String], using settings: SMTPSettings) async throws {
        try validate(settings)
        guard !recipients.isEmpty else { throw SMTPError.invalidSettings("no recipients") }
        for address in [from] + recipients where !Self.isSafePath(address) {
            throw SMTPError.invalidSettings("envelope address \"\(address.prefix(80))\"")
        }
        let serverHostname = Self.sniHostname(settings.host)
        let tlsContext: NIOSSLContext? = settings.security == .none ? nil : try makeTLSContext(settings)
        let connection = try await SMTPClientConnection.connect(
            host: settings.host,
            port: settings.port,
            tlsContext: settings.security == .tls ? tlsContext : nil,
            serverHostname: serverHostname,
            timeout: settings.timeout,
            group: group
        )
        let envelope = Envelope(from: from, recipients: recipients, data: SMTPDotStuffing.stuff(rawMessage))
        try await withTaskCancellationHandler {
            do {
                try await converse(connection, envelope: envelope, settings: settings,
                                   tlsContext: tlsContext, serverHostname: serverHostname)
                await connection.close()
            } catch {
                await connection.close()
                if Task.isCancelled { throw CancellationError() }
                throw error
            }
        } onCancel: {
            connection.channel.close(promise: nil)
        }
    }

    /// What MAIL FROM, RCPT TO and DATA carry.
    private struct Envelope: Sendable {
        var from: String
        var recipients: [String]
        /// Dot-stuffed, CRLF-terminated, without the final ".".
        var data: String
    }

    private func converse(
        _ connection: SMTPClientConnection,
        envelope: Envelope,
        settings: SMTPSettings,
        tlsContext: NIOSSLContext?,
        serverHostname: String?
    ) async throws {
        let greeting = try await connection.readReply()
        try expect(greeting, 220, "greeting")

        var capabilities = try await hello(connection, settings: settings)

        if settings.security == .startTLS {
            guard capabilities != nil, capabilities?["STARTTLS"] != nil, let tlsContext else {
                throw SMTPError.startTLSUnavailable
            }
            try expect(try await connection.command("STARTTLS"), 220, "STARTTLS")
            try await connection.upgradeToTLS(context: tlsContext, serverHostname: serverHostname)
            // RFC 3207 §4.2: forget everything learnt before TLS and greet again.
            capabilities = try await hello(connection, settings: settings)
        }

        if let username = settings.username, let password = settings.password {
            let encrypted = settings.security != .none
            guard encrypted || settings.allowInsecureAuthentication || Self.isLoopback(settings.host) else {
                throw SMTPError.insecureAuthenticationRefused
            }
            try await authenticate(connection, username: username, password: password, capabilities: capabilities ?? [:])
        }

        try expect(try await connection.command("MAIL FROM:<\(envelope.from)>"), 250, "MAIL FROM")
        for recipient in envelope.recipients {
            let reply = try await connection.command("RCPT TO:<\(recipient)>")
            guard reply.code == 250 || reply.code == 251 else {
                throw SMTPError.rejected(command: "RCPT TO", code: reply.code, text: reply.text)
            }
        }
        try expect(try await connection.command("DATA"), 354, "DATA")
        try await connection.write(envelope.data + ".\r\n")
        try expect(try await connection.readReply(), 250, "DATA")
        // The message is accepted; a failing QUIT does not change that.
        _ = try? await connection.command("QUIT")
    }

    /// EHLO, or HELO when EHLO is refused with a 5xx. Returns the EHLO keywords (nil after HELO).
    private func hello(_ connection: SMTPClientConnection, settings: SMTPSettings) async throws -> [String: [String]]? {
        let ehlo = try await connection.command("EHLO \(settings.heloName)")
        if ehlo.code == 250 { return ehlo.ehloKeywords }
        guard ehlo.isPermanentFailure else {
            throw SMTPError.rejected(command: "EHLO", code: ehlo.code, text: ehlo.text)
        }
        try expect(try await connection.command("HELO \(settings.heloName)"), 250, "HELO")
        return nil
    }

    private func authenticate(
        _ connection: SMTPClientConnection,
        username: String,
        password: String,
        capabilities: [String: [String]]
    ) async throws {
        let mechanisms = Set((capabilities["AUTH"] ?? []).map { $0.uppercased() })
        if mechanisms.contains("PLAIN") {
            let token = Data(("\u{0}" + username + "\u{0}" + password).utf8).base64EncodedString()
            try expect(try await connection.command("AUTH PLAIN " + token), 235, "AUTH")
        } else if mechanisms.contains("LOGIN") {
            try expect(try await connection.command("AUTH LOGIN"), 334, "AUTH")
            try expect(try await connection.command(Data(username.utf8).base64EncodedString()), 334, "AUTH")
            try expect(try await connection.command(Data(password.utf8).base64EncodedString()), 235, "AUTH")
        } else {
            throw SMTPError.authenticationUnavailable
        }
    }

    private func expect(_ reply: SMTPReply, _ code: Int, _ command: String) throws {
        guard reply.code == code else {
            throw SMTPError.rejected(command: command, code: reply.code, text: reply.text)
        }
    }

    private func validate(_ settings: SMTPSettings) throws {
        guard (1...65_535).contains(settings.port) else { throw SMTPError.invalidSettings("port \(settings.port)") }
        guard !settings.host.isEmpty, !settings.host.containsLineBreakOrSpace else {
            throw SMTPError.invalidSettings("host")
        }
        guard !settings.heloName.isEmpty, !settings.heloName.containsLineBreakOrSpace else {
            throw SMTPError.invalidSettings("heloName")
        }
        if let username = settings.username, username.containsLineBreakOrSpace || username.contains("\u{0}") {
            throw SMTPError.invalidSettings("username")
        }
        if let password = settings.password, password.unicodeScalars.contains(where: { $0 == "\u{0}" }) {
            throw SMTPError.invalidSettings("password contains NUL")
        }
    }

    private func makeTLSContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = settings.trustRoots
        configuration.certificateVerification = settings.certificateVerification
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.tlsFailed("cannot set up TLS: \(error)")
        }
    }

    /// The name for SNI and certificate checking; `nil` for IP literals (checked against the peer address).
    static func sniHostname(_ host: String) -> String? {
        if IPAddressFormat.parseIPv4(host) != nil || IPAddressFormat.parseIPv6(host) != nil { return nil }
        return host
    }

    /// An envelope address must not be able to break out of `<…>` or the command line.
    static func isSafePath(_ address: String) -> Bool {
        !address.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
    }

    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        if let v4 = IPAddressFormat.parseIPv4(host) { return v4[0] == 127 }
        return IPAddressFormat.parseIPv6(host) == IPAddressFormat.parseIPv6("::1")
    }
}
