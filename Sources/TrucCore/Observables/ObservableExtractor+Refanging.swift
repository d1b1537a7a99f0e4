import Foundation

extension ObservableExtractor {
    /// Undoes the usual ways of defanging indicators so that they can be found and compared:
    /// - schemes "hxxp", "hxxps", "hxtp", "hxtps", "h**p", "h**ps" (any case) → "http"/"https", "fxp" → "ftp", when
    ///   followed by ":" or "[";
    /// - "[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}" → ".";
    /// - "[:]", "(:)", "{:}" → ":"; "[://]" → "://"; "[/]" → "/";
    /// - "[@]", "(@)", "{@}", "[at]", "(at)", "{at}" → "@".
    /// Bracketed words are matched in any case ("[DOT]"), and only between two words ("admin(at)evil",
    /// "admin [at] evil"), so that "(at)" in a sentence stays. When such a replacement for "." or "@" stands between two
    /// spaces with letters or digits on both sides ("admin [at] evil [dot] example"), the spaces go too.
    /// Everything else, including Vietnamese text, is left as it is.
    public static func refang(_ text: String) -> String {
        let input = Array(text.unicodeScalars)
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let scalar = input[index]
            if scalar == "[" || scalar == "(" || scalar == "{",
               let (replacement, length, isWord) = bracketedReplacement(in: input, at: index),
               !isWord || joinsWords(input, before: index, after: index + length) {
                let after = index + length
                if replacement == "." || replacement == "@",
                   output.count >= 2, output.last == " ",
                   isASCIIAlphanumeric(output[output.count - 2]),
                   after + 1 < input.count, input[after] == " ", isASCIIAlphanumeric(input[after + 1]) {
                    output.removeLast()
                    output.append(contentsOf: replacement.unicodeScalars)
                    index = after + 1
                } else {
                    output.append(contentsOf: replacement.unicodeScalars)
                    index = after
                }
                continue
            }
            if "hHfF".unicodeScalars.contains(scalar),
               index == 0 || !isASCIIAlphanumeric(input[index - 1]),
               let (replacement, length) = schemeReplacement(in: input, at: index) {
                output.append(contentsOf: replacement.unicodeScalars)
                index += length
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(String.UnicodeScalarView(output))
    }

    /// Bracketed defanging marks and what they stand for.
    private static let bracketedMarks: [(inner: String, replacement: String)] = [
        (".", "."), ("dot", "."), (":", ":"), ("://", "://"), ("/", "/"), ("@", "@"), ("at", "@"),
    ]

    /// Defanged schemes (lower-cased) and the real ones, longest first.
    private static let defangedSchemes: [(defanged: String, scheme: String)] = [
        ("hxxps", "https"), ("hxtps", "https"), ("h**ps", "https"),
        ("hxxp", "http"), ("hxtp", "http"), ("h**p", "http"), ("fxp", "ftp"),
    ]

    /// Whether the text just before `before` and from `after` on is a letter or digit, directly or after one space:
    /// "admin (at) evil", "evil[dot]example", but not "(at) the meeting".
    private static func joinsWords(_ input: [Unicode.Scalar], before: Int, after: Int) -> Bool {
        func wordBefore() -> Bool {
            guard before > 0 else { return false }
            if isASCIIAlphanumeric(input[before - 1]) { return true }
            return before > 1 && input[before - 1] == " " && isASCIIAlphanumeric(input[before - 2])
        }
        func wordAfter() -> Bool {
            guard after < input.count else { return false }
            if isASCIIAlphanumeric(input[after]) { return true }
            return after + 1 < input.count && input[after] == " " && isASCIIAlphanumeric(input[after + 1])
        }
        return wordBefore() && wordAfter()
    }

    /// The replacement, the length of the mark, and whether the mark is a word ("dot", "at") rather than a symbol.
    private static func bracketedReplacement(in input: [Unicode.Scalar], at index: Int) -> (String, Int, Bool)? {
        let close: Unicode.Scalar = switch input[index] {
        case "[": "]"
        case "(": ")"
        default: "}"
        }
        for mark in bracketedMarks {
            let inner = Array(mark.inner.unicodeScalars)
            let end = index + 1 + inner.count
            guard end < input.count, input[end] == close else { continue }
            if zip(input[(index + 1)..<end], inner).allSatisfy({ lowercased($0) == $1 }) {
                return (mark.replacement, inner.count + 2, inner.first.map(isASCIIAlphanumeric) ?? false)
            }
        }
        return nil
    }

    private static func schemeReplacement(in input: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        for entry in defangedSchemes {
            let word = Array(entry.defanged.unicodeScalars)
            let end = index + word.count
            guard end < input.count, input[end] == ":" || input[end] == "[" else { continue }
            if zip(input[index..<end], word).allSatisfy({ lowercased($0) == $1 }) {
                return (entry.scheme, word.count)
            }
        }
        return nil
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
