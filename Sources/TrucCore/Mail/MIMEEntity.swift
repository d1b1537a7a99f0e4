import Foundation

/// A parsed RFC 5322 / MIME entity (a whole message or one body part), enough to read back what
/// `MailMessage.rendered()` writes: headers, multipart bodies, base64 and quoted-printable.
public struct MIMEEntity: Sendable {
    /// Header fields in order, names as written, values unfolded (CRLF removed) and not decoded.
    public var headers: [(name: String, value: String)]
    /// The body as it appeared after the blank line, with CRLF line endings.
    public var body: String

    /// Splits `text` into headers and body; a missing blank line means no body.
    public init(parsing text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let headerText: Substring
        if normalized.hasPrefix("\r\n") {
            headerText = ""
            body = String(normalized.dropFirst(2))
        } else if let range = normalized.range(of: "\r\n\r\n") {
            headerText = normalized[..<range.lowerBound]
            body = String(normalized[range.upperBound...])
        } else {
            headerText = Substring(normalized)
            body = ""
        }
        var fields = [(name: String, value: String)]()
        for line in headerText.components(separatedBy: "\r\n") {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                let name = String(line[..<colon])
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                fields.append((name, value))
            }
        }
        headers = fields.map { ($0.name, $0.value.trimmingCharacters(in: .whitespaces)) }
    }

    /// The first field named `name` (case-insensitive), unfolded, not decoded.
    public func rawHeader(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The first field named `name`, with RFC 2047 encoded-words decoded.
    public func header(_ name: String) -> String? {
        rawHeader(name).map(RFC2047.decode)
    }

    /// The media type, lower-cased ("text/plain" when there is no Content-Type).
    public var mediaType: String {
        guard let value = rawHeader("Content-Type") else { return "text/plain" }
        return value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
    }

    /// A parameter of a structured header ("boundary", "charset"), unquoted.
    public func parameter(_ parameter: String, of headerName: String = "Content-Type") -> String? {
        guard let value = rawHeader(headerName) else { return nil }
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                  pair[0].trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(parameter) == .orderedSame else { continue }
            var text = pair[1].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }

    /// The body parts of a multipart entity (empty for other types).
    public var parts: [MIMEEntity] {
        guard mediaType.hasPrefix("multipart/"), let boundary = parameter("boundary"), !boundary.isEmpty else { return [] }
        var result = [MIMEEntity]()
        var current: [Substring]?
        for line in body.components(separatedBy: "\r\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" + boundary + "--" {
                if let current { result.append(MIMEEntity(parsing: current.joined(separator: "\r\n"))) }
                return result
            }
            if trimmed == "--" + boundary {
                if let current { result.append(MIMEEntity(parsing: current.joined(separator: "\r\n"))) }
                current = []
            } else {
                current?.append(Substring(line))
            }
        }
        if let current { result.append(MIMEEntity(parsing: current.joined(separator: "\r\n"))) }
        return result
    }

    /// This entity or the first part inside it (depth first) with the media type `type`.
    public func firstPart(ofType type: String) -> MIMEEntity? {
        if mediaType == type.lowercased() { return self }
        for part in parts {
            if let found = part.firstPart(ofType: type) { return found }
        }
        return nil
    }

    /// The body bytes after undoing Content-Transfer-Encoding (base64, quoted-printable, 7bit, 8bit, binary);
    /// `nil` if the encoding is unknown or the base64 is broken.
    public var decodedBody: Data? {
        let encoding = rawHeader("Content-Transfer-Encoding")?.lowercased() ?? "7bit"
        switch encoding {
        case "base64":
            let compact = body.filter { !$0.isWhitespace }
            return Data(base64Encoded: compact)
        case "quoted-printable":
            return Self.decodeQuotedPrintable(body)
        case "7bit", "8bit", "binary":
            return Data(body.utf8)
        default:
            return nil
        }
    }

    /// The decoded body as text (UTF-8, or ISO-8859-1 when the charset says so).
    public var decodedText: String? {
        guard let data = decodedBody else { return nil }
        switch parameter("charset")?.lowercased() {
        case "iso-8859-1", "latin1": return String(data: data, encoding: .isoLatin1)
        default: return String(data: data, encoding: .utf8)
        }
    }

    static func decodeQuotedPrintable(_ text: String) -> Data {
        var out = Data()
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count,
                   let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
