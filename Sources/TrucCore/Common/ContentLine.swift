/// Content-line helpers shared by the iCalendar (RFC 5545) and vCard (RFC 6350) writers.
enum ContentLine {
    /// The longest physical line, in UTF-8 octets, excluding the CRLF.
    static let maxOctets = 75

    /// TEXT value escaping: backslash, semicolon and comma are escaped, any line break becomes `\n`,
    /// other control characters are dropped. Linear: works on the UTF-8 bytes (every byte it looks at is ASCII,
    /// and the bytes of a multi-byte sequence are all 0x80 or more, so they pass through whole).
    static func escape(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        var previousCR = false
        for byte in text.utf8 {
            defer { previousCR = byte == UInt8(ascii: "\r") }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                result.append(UInt8(ascii: "\\"))
                result.append(byte)
            case UInt8(ascii: "\r"):
                result.append(UInt8(ascii: "\\"))
                result.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\n"):
                if !previousCR {
                    result.append(UInt8(ascii: "\\"))
                    result.append(UInt8(ascii: "n"))
                }
            case UInt8(ascii: "\t"): result.append(byte)
            default:
                if byte < 0x20 || byte == 0x7F { continue }
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Strips line breaks and control characters from a value that is not TEXT (URIs, ids).
    static func sanitize(_ value: String) -> String {
        String(decoding: value.utf8.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self)
    }

    /// Folds one logical line into physical lines of at most 75 octets joined by CRLF + space.
    /// Breaks between characters (grapheme clusters), or between Unicode scalars inside an overlong cluster,
    /// so no UTF-8 sequence is ever split. Linear in the length of the line.
    static func fold(_ line: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(line.utf8.count + line.utf8.count / 64 * 3 + 3)
        var octets = 0
        func startPiece(size: Int) {
            if octets + size > maxOctets {
                result.append(UInt8(ascii: "\r"))
                result.append(UInt8(ascii: "\n"))
                result.append(UInt8(ascii: " "))
                octets = 1
            }
            octets += size
        }
        for character in line {
            let bytes = character.utf8
            if bytes.count < maxOctets {
                startPiece(size: bytes.count)
                result.append(contentsOf: bytes)
            } else {
                for scalar in character.unicodeScalars {
                    startPiece(size: UTF8.width(scalar))
                    UTF8.encode(scalar) { result.append($0) }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Folds every line and terminates each with CRLF.
    static func render(_ lines: [String]) -> String {
        lines.map { fold($0) + "\r\n" }.joined()
    }
}
