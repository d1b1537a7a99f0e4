import TrucCore

extension ReceivedMail {
    /// The message parsed as a MIME entity.
    public var entity: MIMEEntity { MIMEEntity(parsing: data) }

    /// The first header field named `name` (case-insensitive), unfolded, with RFC 2047
    /// encoded-words decoded (so a Vietnamese Subject reads back as written).
    public func header(_ name: String) -> String? {
        entity.header(name)
    }

    /// The text/plain body (the message itself, or its first text/plain part), transfer-decoded.
    public var decodedTextBody: String? {
        entity.firstPart(ofType: "text/plain")?.decodedText
    }

    /// The text/html part, transfer-decoded, if there is one.
    public var decodedHTMLBody: String? {
        entity.firstPart(ofType: "text/html")?.decodedText
    }
}
