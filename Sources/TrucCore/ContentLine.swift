/// Content-line helpers shared by the iCalendar (RFC 5545) and vCard (RFC 6350) writers.
enum ContentLine {
    /// The longest physical line, in UTF-8 octets, excluding the CRLF.
    static let maxOctets = 75

    /// TEXT value escaping: backslash, semicolon and comma are escaped, any line break becomes `\n`,
    /// other control characters are dropped.
    static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
            case ";": result.append(contentsOf: "\\;".unicodeScalars)
            case ",": result.append(contentsOf: "\\,".unicodeScalars)
            case "\r": result.append(contentsOf: "\\n".unicodeScalars)
            case "\n": if !previousCR { result.append(contentsOf: "\\n".unicodeScalars) }
            case "\t": result.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Strips line breaks and control characters from a value that is not TEXT (URIs, ids).
    static func sanitize(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// Folds one logical line into physical lines of at most 75 octets joined by CRLF + space.
    /// Breaks between characters (grapheme clusters), or between Unicode scalars inside an overlong cluster,
    /// so no UTF-8 sequence is ever split.
    static func fold(_ line: String) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count + line.utf8.count / 64 * 3)
        var octets = 0
        func append(_ scalars: some Sequence<Unicode.Scalar>, size: Int) {
            if octets + size > maxOctets {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(contentsOf: scalars)
            octets += size
        }
        for character in line {
            let size = character.utf8.count
            if size < maxOctets {
                append(character.unicodeScalars, size: size)
            } else {
                for scalar in character.unicodeScalars { append(CollectionOfOne(scalar), size: UTF8.width(scalar)) }
            }
        }
        return result
    }

    /// Folds every line and terminates each with CRLF.
    static func render(_ lines: [String]) -> String {
        lines.map { fold($0) + "\r\n" }.joined()
    }
}
