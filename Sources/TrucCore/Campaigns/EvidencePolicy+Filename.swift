import Foundation

extension EvidencePolicy {
    /// The name to store and offer an uploaded file under:
    ///
    /// - only the last path component ("C:\Users\a\b.png" and "../../etc/passwd" give "b.png" and "passwd");
    /// - NFC; control (CR, LF, NUL …), format (bidirectional overrides such as U+202E, zero-width characters),
    ///   line and paragraph separator and private-use characters removed, so is every quote (" ' ` and the curly
    ///   ones) and every character Windows forbids or a header could trip on (< > : * ? | ; \ /);
    /// - tabs and runs of other whitespace made one space; spaces and dots trimmed at both ends (no hidden ".htaccess", no "a.");
    /// - at most `maxFilenameLength` characters, keeping an extension of up to 16 characters;
    /// - `fallbackFilename` ("evidence.bin") when nothing is left.
    ///
    /// Letters of every script are kept: "Ảnh chụp màn hình.png" stays as it is.
    public static func sanitizedFilename(_ filename: String) -> String {
        let component = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let forbidden = Set<Unicode.Scalar>(["\"", "'", "`", "<", ">", ":", "*", "?", "|", ";", "\u{2018}", "\u{2019}",
                                             "\u{201C}", "\u{201D}"])
        var cleaned = ""
        var pendingSpace = false
        for scalar in component.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar == "\t" || scalar.properties.isWhitespace && !IncidentFormValidator.isInvisible(scalar) {
                pendingSpace = !cleaned.isEmpty
                continue
            }
            if IncidentFormValidator.isInvisible(scalar) || forbidden.contains(scalar) { continue }
            if pendingSpace { cleaned.unicodeScalars.append(" ") }
            pendingSpace = false
            cleaned.unicodeScalars.append(scalar)
        }
        var name = trimmedDotsAndSpaces(Substring(cleaned))
        if name.count > maxFilenameLength {
            var stem = name, ext = ""
            if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.distance(from: dot, to: name.endIndex) <= 17 {
                stem = String(name[..<dot])
                ext = String(name[dot...])
            }
            stem = trimmedDotsAndSpaces(stem.prefix(maxFilenameLength - ext.count))
            name = stem.isEmpty ? "" : stem + ext
        }
        return name.isEmpty ? fallbackFilename : name
    }

    private static func trimmedDotsAndSpaces(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        return String(text)
    }

    /// A `Content-Disposition` header value for a stored name (RFC 6266): the disposition, an ASCII `filename`
    /// fallback (Vietnamese letters without their marks, đ as d, other characters as "_") and the exact name as
    /// `filename*` in UTF-8 percent-encoding (RFC 8187). The name is sanitised again first.
    public static func contentDisposition(_ disposition: EvidenceDisposition, filename: String) -> String {
        let name = sanitizedFilename(filename)
        var ascii = ""
        for scalar in name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) && scalar != "\\" && scalar != "%" {
                ascii.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                ascii.append("_")
            }
        }
        let attrChars = Set("!#$&+-.^_`|~".utf8)
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var encoded = ""
        for byte in name.utf8 {
            let isAlphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if isAlphanumeric || attrChars.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded.unicodeScalars.append(contentsOf: ["%", hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        return "\(disposition.rawValue); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
