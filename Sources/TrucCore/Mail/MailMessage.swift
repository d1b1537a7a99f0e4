import Foundation

/// An e-mail message, rendered as RFC 5322 text with MIME (RFC 2045–2047) bodies.
///
/// `validate()` refuses a header value or address with CR/LF (`MailError.headerInjection`) and
/// other malformed fields; `SMTPClient.send` validates before connecting.
public struct MailMessage: Sendable {
    /// Header fields the message writes itself; custom headers may not use these names.
    public static let reservedHeaderNames: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    /// The author (From, and the default envelope sender).
    public var from: MailAddress
    /// The recipients (To, and the envelope recipients).
    public var to: [MailAddress]
    /// The subject, any Unicode (encoded as RFC 2047 words when not plain ASCII).
    public var subject: String
    /// The text/plain body.
    public var textBody: String
    /// An optional text/html alternative; when present the body is multipart/alternative.
    public var htmlBody: String?
    /// Extra header fields, in order (for example `("X-Truc-Alert", "42")`).
    public var headers: [(String, String)]
    /// The Date header's instant (written in UTC, +0000).
    public var date: Date
    /// The Message-ID without angle brackets ("id@host").
    public var messageID: String

    /// Stores a message. Nothing is checked here: `validate()` does that (and `SMTPClient.send`
    /// calls it); `rendered()` also replaces any CR/LF in header values by spaces, so an
    /// unvalidated message still cannot inject header lines.
    /// - Parameter messageID: "left@right", with or without angle brackets.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        headers: [(String, String)] = [],
        date: Date,
        messageID: String
    ) {
        var id = messageID.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 { id = String(id.dropFirst().dropLast()) }
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.headers = headers
        self.date = date
        self.messageID = id
    }

    /// Checks everything that goes into the header.
    /// - Throws: `MailError`: `.noRecipients`; `.headerInjection` for CR/LF in the subject, a custom
    ///   header value, a display name or an address; `.invalidAddress`; `.invalidHeaderName` or
    ///   `.reservedHeader` for a custom header; `.invalidMessageID`.
    public func validate() throws(MailError) {
        guard !to.isEmpty else { throw .noRecipients }
        try from.validate()
        for recipient in to { try recipient.validate() }
        if subject.containsLineBreak { throw .headerInjection(field: "Subject") }
        for (name, value) in headers {
            guard Self.isValidHeaderName(name) else { throw .invalidHeaderName(name) }
            guard !Self.reservedHeaderNames.contains(name.lowercased()) else { throw .reservedHeader(name) }
            if value.containsLineBreak { throw .headerInjection(field: name) }
        }
        guard Self.isValidMessageID(messageID) else { throw .invalidMessageID(messageID) }
    }

    /// A custom header name: printable ASCII without ":" or space (RFC 5322 ftext).
    static func isValidHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }
    }

    /// "left@right" with printable ASCII and no specials.
    static func isValidMessageID(_ id: String) -> Bool {
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>\"\\()[],;:".unicodeScalars.contains($0) }
    }

    /// A fresh Message-ID "UUID@domain" for `domain` (for example the HELO name).
    public static func makeMessageID(domain: String) -> String {
        "\(UUID().uuidString.lowercased())@\(domain)"
    }
}
