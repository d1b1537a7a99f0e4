/// One message the `SMTPSink` accepted.
public struct ReceivedMail: Sendable, Equatable {
    /// The MAIL FROM address (without angle brackets; "" for the null sender).
    public var from: String
    /// The RCPT TO addresses that were accepted, in order.
    public var recipients: [String]
    /// The message text as sent after DATA, dot-unstuffed, CRLF line endings, ending in CRLF.
    public var data: String
    /// The user name from AUTH, if the client authenticated (the password is never kept).
    public var authenticatedUser: String?
    /// Whether the message travelled over TLS (STARTTLS or implicit).
    public var overTLS: Bool

    public init(from: String, recipients: [String], data: String, authenticatedUser: String? = nil, overTLS: Bool = false) {
        self.from = from
        self.recipients = recipients
        self.data = data
        self.authenticatedUser = authenticatedUser
        self.overTLS = overTLS
    }
}
