import Foundation

/// MIME encoded-words for non-ASCII header text (RFC 2047), "B" (base64) encoding in UTF-8.
public enum RFC2047 {
    /// The longest encoded-word RFC 2047 §2 allows.
    public static let maximumWordLength = 75

    /// `true` if `text` cannot go into a header as is: it has non-ASCII or control characters,
    /// or something that a reader would take for an encoded-word.
    public static func needsEncoding(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.isASCII || $0.value < 0x20 || $0.value == 0x7F } || text.contains("=?")
    }

    /// Encodes `text` as a sequence of `=?UTF-8?B?…?=` words, each at most 75 characters
    /// (`firstWordMaxLength` for the first, so it fits after a header name), split only between
    /// grapheme clusters (or, for an absurdly long cluster, between Unicode scalars), so every
    /// word decodes to whole characters on its own. Join the words with folding white space.
    public static func encodedWords(_ text: String, firstWordMaxLength: Int = maximumWordLength) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func capacity(_ wordLength: Int) -> Int {
            // Largest number of bytes whose base64 (4 chars per 3 bytes) fits.
            max(1, (max(wordLength, overhead + 4) - overhead) / 4 * 3)
        }
        var words = [String]()
        var chunk = [UInt8]()
        var limit = capacity(min(firstWordMaxLength, maximumWordLength))
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk.removeAll(keepingCapacity: true)
            limit = capacity(maximumWordLength)
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count <= limit {
                chunk.append(contentsOf: bytes)
                continue
            }
            flush()
            if bytes.count <= limit {
                chunk.append(contentsOf: bytes)
            } else {
                for scalar in character.unicodeScalars {
                    let scalarBytes = Array(String(scalar).utf8)
                    if chunk.count + scalarBytes.count > limit { flush() }
                    chunk.append(contentsOf: scalarBytes)
                }
            }
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// Decodes a header value: unfolds it, replaces every well-formed encoded-word (B or Q, in
    /// UTF-8, US-ASCII or ISO-8859-1) by its text and drops white space between adjacent
    /// encoded-words. Anything that does not decode is left as it was.
    public static func decode(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
        var output = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        var index = unfolded.startIndex
        while index < unfolded.endIndex {
            if unfolded[index...].hasPrefix("=?"), let (text, end) = decodeWord(in: unfolded, at: index) {
                if !lastWasEncoded { output += pendingSpace }
                pendingSpace = ""
                output += text
                lastWasEncoded = true
                index = end
                continue
            }
            let character = unfolded[index]
            if character == " " || character == "\t" {
                pendingSpace.append(character)
            } else {
                output += pendingSpace
                pendingSpace = ""
                output.append(character)
                lastWasEncoded = false
            }
            index = unfolded.index(after: index)
        }
        return output + pendingSpace
    }

    private static func decodeWord(in text: String, at start: String.Index) -> (String, String.Index)? {
        let body = text[text.index(start, offsetBy: 2)...]
        let parts = body.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("=") else { return nil }
        let charset = parts[0].lowercased().split(separator: "*").first.map(String.init) ?? ""
        let encoding = parts[1].uppercased()
        let payload = String(parts[2])
        guard !payload.contains(" ") else { return nil }
        var bytes: [UInt8]
        switch encoding {
        case "B":
            var padded = payload
            while padded.count % 4 != 0 { padded += "=" }
            guard let data = Data(base64Encoded: padded) else { return nil }
            bytes = Array(data)
        case "Q":
            bytes = []
            var utf8 = Array(payload.utf8)[...]
            while let byte = utf8.popFirst() {
                if byte == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if byte == UInt8(ascii: "="), utf8.count >= 2,
                          let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
        default:
            return nil
        }
        let decoded: String?
        switch charset {
        case "utf-8", "utf8", "us-ascii": decoded = String(bytes: bytes, encoding: .utf8)
        case "iso-8859-1", "latin1": decoded = String(bytes: bytes, encoding: .isoLatin1)
        default: decoded = nil
        }
        guard let decoded else { return nil }
        let end = text.index(parts[3].startIndex, offsetBy: 1)
        return (decoded, end)
    }
}
