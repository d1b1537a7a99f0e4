import Foundation

extension MailMessage {
    /// The message as RFC 5322 text with CRLF line endings, ending in CRLF, ready for SMTP DATA
    /// (before dot-stuffing).
    ///
    /// Non-ASCII subjects, display names and custom header values become RFC 2047 `=?UTF-8?B?…?=`
    /// words of at most 75 characters; header lines are folded at 78 characters where possible.
    /// Bodies are UTF-8, base64 in 76-character lines; with `htmlBody` the body is
    /// multipart/alternative (text/plain first, then text/html).
    public func rendered() -> String {
        var out = ""
        func add(_ line: String) { out += line + "\r\n" }
        add(Self.fold(name: "From", pieces: from.headerText(firstLineBudget: Self.firstWordBudget("From"))))
        var recipientPieces = [String]()
        for (index, recipient) in to.enumerated() {
            var pieces = recipient.headerText(firstLineBudget: Self.firstWordBudget("To"))
            if index < to.count - 1 { pieces[pieces.count - 1] += "," }
            recipientPieces += pieces
        }
        add(Self.fold(name: "To", pieces: recipientPieces))
        add(Self.unstructured(name: "Subject", value: subject.withoutLineBreaks))
        add("Date: " + MailDate.rfc5322(date))
        add("Message-ID: <\(messageID.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" })>")
        add("MIME-Version: 1.0")
        // Invalid or reserved custom headers are left out (`validate()` reports them).
        for (name, value) in headers
        where Self.isValidHeaderName(name) && !Self.reservedHeaderNames.contains(name.lowercased()) {
            add(Self.unstructured(name: name, value: value.withoutLineBreaks))
        }
        if let htmlBody {
            let boundary = boundaryString()
            add("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            add("")
            add("This is a multi-part message in MIME format.")
            add("")
            add("--" + boundary)
            add("Content-Type: text/plain; charset=utf-8")
            add("Content-Transfer-Encoding: base64")
            add("")
            out += Self.base64Body(textBody)
            add("--" + boundary)
            add("Content-Type: text/html; charset=utf-8")
            add("Content-Transfer-Encoding: base64")
            add("")
            out += Self.base64Body(htmlBody)
            add("--" + boundary + "--")
        } else {
            add("Content-Type: text/plain; charset=utf-8")
            add("Content-Transfer-Encoding: base64")
            add("")
            out += Self.base64Body(textBody)
        }
        return out
    }

    /// The longest line `rendered()` aims for (RFC 5322 §2.1.1 "SHOULD").
    static let preferredLineLength = 78

    /// A multipart boundary derived from the message (so rendering is repeatable). It starts with
    /// "=_", which cannot occur in base64 text, so it never collides with the content.
    func boundaryString() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (messageID + "\u{0}" + textBody + "\u{0}" + (htmlBody ?? "")).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "=_Truc_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The longest first encoded-word that still fits on the header's first line.
    static func firstWordBudget(_ name: String) -> Int {
        min(RFC2047.maximumWordLength, max(16, 76 - name.count - 2))
    }

    /// An unstructured field: plain text folded at spaces, or encoded-words if it needs encoding.
    static func unstructured(name: String, value: String) -> String {
        if RFC2047.needsEncoding(value) {
            return fold(name: name, pieces: RFC2047.encodedWords(value, firstWordMaxLength: firstWordBudget(name)))
        }
        return fold(name: name, pieces: value.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
    }

    /// "Name: piece piece…", breaking with CRLF + space before a piece that would pass 78 characters.
    static func fold(name: String, pieces: [String]) -> String {
        var result = name + ":"
        var lineLength = result.count
        for (index, piece) in pieces.enumerated() {
            if index > 0 && lineLength + 1 + piece.count > preferredLineLength && !piece.isEmpty {
                result += "\r\n " + piece
                lineLength = 1 + piece.count
            } else {
                result += " " + piece
                lineLength += 1 + piece.count
            }
        }
        return result
    }

    /// UTF-8 text with line endings made CRLF (canonical form for text/*), base64 in 76-character
    /// lines, each ending in CRLF.
    static func base64Body(_ text: String) -> String {
        let canonical = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(canonical.utf8).base64EncodedString()
        var out = ""
        out.reserveCapacity(encoded.count + encoded.count / 76 * 2 + 2)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<end] + "\r\n"
            index = end
        }
        return out
    }
}
