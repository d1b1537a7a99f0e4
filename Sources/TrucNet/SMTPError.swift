/// Why a message was not delivered. `isPermanent` tells whether sending the same message again
/// can succeed (5xx replies and configuration problems are permanent; 4xx replies, timeouts and
/// network failures are transient). Descriptions carry the server's reply, never credentials.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The TCP (or TLS) connection could not be opened: refused, unreachable, name not resolved.
    case connectionFailed(String)
    /// The server closed the connection in the middle of the exchange.
    case connectionClosed
    /// The whole exchange did not finish within `SMTPSettings.timeout`.
    case timeout
    /// The server answered `command` with a failure (or unexpected) reply.
    /// `command` is the verb only ("greeting", "EHLO", "MAIL FROM", "RCPT TO", "DATA", "AUTH", …).
    case rejected(command: String, code: Int, text: String)
    /// STARTTLS was asked for but the server does not offer it.
    case startTLSUnavailable
    /// The TLS handshake or certificate verification failed.
    case tlsFailed(String)
    /// Credentials were given but the server offers no AUTH mechanism this client speaks (PLAIN, LOGIN).
    case authenticationUnavailable
    /// Credentials would have crossed an unencrypted connection to a non-loopback host.
    case insecureAuthenticationRefused
    /// The server's reply could not be parsed.
    case protocolViolation(String)
    /// The message failed `MailMessage.validate()` (header injection, bad address, …); nothing was sent.
    case invalidMessage(String)
    /// The settings cannot be used (port out of range, empty host or HELO name, …).
    case invalidSettings(String)

    /// The SMTP reply code, when the server gave one.
    public var code: Int? {
        if case .rejected(_, let code, _) = self { return code }
        return nil
    }

    /// `true` when retrying the same message will fail again: a 5xx reply, or a configuration problem.
    public var isPermanent: Bool {
        switch self {
        case .rejected(_, let code, _): code >= 500 || code < 400
        case .startTLSUnavailable, .authenticationUnavailable, .insecureAuthenticationRefused, .invalidSettings, .invalidMessage: true
        case .connectionFailed, .connectionClosed, .timeout, .tlsFailed, .protocolViolation: false
        }
    }

    /// `true` when a later retry may succeed (4xx replies, network failures, timeouts).
    public var isTransient: Bool { !isPermanent }

    public var description: String {
        switch self {
        case .connectionFailed(let reason): "SMTP connection failed: \(reason)"
        case .connectionClosed: "SMTP server closed the connection"
        case .timeout: "SMTP exchange timed out"
        case .rejected(let command, let code, let text): "SMTP server rejected \(command): \(code) \(text)"
        case .startTLSUnavailable: "SMTP server does not offer STARTTLS"
        case .tlsFailed(let reason): "SMTP TLS failed: \(reason)"
        case .authenticationUnavailable: "SMTP server offers no supported AUTH mechanism (PLAIN, LOGIN)"
        case .insecureAuthenticationRefused: "refusing to send SMTP credentials over an unencrypted connection"
        case .protocolViolation(let reason): "SMTP protocol violation: \(reason)"
        case .invalidSettings(let reason): "invalid SMTP settings: \(reason)"
        case .invalidMessage(let reason): "mail message refused before sending: \(reason)"
        }
    }
}
