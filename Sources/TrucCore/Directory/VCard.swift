/// An RFC 6350 (vCard 4.0) contact card, e.g. for the national incident-response hotlines.
public struct VCard: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        /// "work", "cell", "home", "fax" or "hotline"; anything else is written as a plain voice number.
        public var kind: String
        public var number: String

        public init(kind: String, number: String) {
            self.kind = kind
            self.number = number
        }
    }

    public var fullName: String
    public var organization: String?
    public var title: String?
    public var phones: [Phone]
    public var emails: [String]
    public var note: String?
    public var url: String?
    public var uid: String?

    public init(fullName: String, organization: String? = nil, title: String? = nil, phones: [Phone] = [],
                emails: [String] = [], note: String? = nil, url: String? = nil, uid: String? = nil) {
        self.fullName = fullName
        self.organization = organization
        self.title = title
        self.phones = phones
        self.emails = emails
        self.note = note
        self.url = url
        self.uid = uid
    }

    /// The card as text with CRLF line endings and folded lines.
    ///
    /// Numbers are text values (`TEL;VALUE=text;TYPE=work,voice:0203 3533338`); a hotline is a voice number
    /// and is also named in NOTE, since vCard has no hotline type.
    public func render() -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0"]
        if let uid {
            lines.append(uid.contains(":") ? "UID:" + ContentLine.sanitize(uid) : "UID;VALUE=text:" + ContentLine.escape(uid))
        }
        lines.append("FN:" + ContentLine.escape(fullName))
        if let organization { lines.append("ORG:" + ContentLine.escape(organization)) }
        if let title { lines.append("TITLE:" + ContentLine.escape(title)) }
        var notes: [String] = []
        for phone in phones {
            let kind = phone.kind.lowercased()
            let types = switch kind {
            case "work", "home": kind + ",voice"
            case "cell", "mobile": "cell,voice"
            case "fax": "fax"
            default: "voice"
            }
            lines.append("TEL;VALUE=text;TYPE=" + types + ":" + ContentLine.escape(phone.number))
            if kind == "hotline" { notes.append("Đường dây nóng (hotline): " + phone.number) }
        }
        for email in emails { lines.append("EMAIL:" + ContentLine.sanitize(email)) }
        if let url { lines.append("URL:" + ContentLine.sanitize(url)) }
        if let note { notes.insert(note, at: 0) }
        if !notes.isEmpty { lines.append("NOTE:" + ContentLine.escape(notes.joined(separator: "\n"))) }
        lines.append("END:VCARD")
        return ContentLine.render(lines)
    }

    /// Several cards in one .vcf file.
    public static func render(_ cards: [VCard]) -> String {
        cards.map { $0.render() }.joined()
    }
}
