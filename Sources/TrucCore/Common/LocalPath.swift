import Foundation

/// A `next=` target accepted only as a path on this site, so that sign-in, the language switch and form
/// "back" links can't send anyone elsewhere (open redirect).
///
/// Browsers strip tabs and newlines anywhere in a URL, strip leading control characters and spaces, and read `\`
/// as `/`; so `/\t/evil.example`, ` //evil`, `/\evil` all become `//evil.example`, a link to another site. A
/// proxy or a second decoding may also turn `%2F` into `/`. The rule therefore accepts only printable ASCII
/// without backslashes, starting with a single `/`, and checks the same of every percent-decoded form (where
/// non-ASCII text is allowed after the first two characters).
public enum LocalPath {
    /// The longest target accepted.
    public static let maxLength = 2048

    /// `text` when it is a safe same-site path (with query and fragment), else nil.
    public static func validated(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= maxLength else { return nil }
        var current = text
        // Decode a few times: every layer must be safe, and the text must stop changing.
        for layer in 0..<4 {
            guard isSafeLayer(current, raw: layer == 0) else { return nil }
            guard current.contains("%") else { return text }
            guard let decoded = current.removingPercentEncoding else { return nil }
            if decoded == current { return text }
            current = decoded
        }
        return nil
    }

    /// `text` if safe, else `fallback`.
    public static func validated(_ text: String?, or fallback: String = "/") -> String {
        text.flatMap(validated) ?? fallback
    }

    /// The text as sent must be printable ASCII; a decoded layer may hold other characters (Vietnamese search
    /// text), but never right after the leading slash, where some would read as a second slash.
    private static func isSafeLayer(_ text: String, raw: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "/" else { return false }
        if scalars.count > 1, !(scalars[1].value > 0x20 && scalars[1].value < 0x7F) || scalars[1] == "/" || scalars[1] == "\\" {
            return false
        }
        return scalars.allSatisfy { scalar in
            let v = scalar.value
            if v <= 0x20 || v == 0x7F || scalar == "\\" { return false }
            if v >= 0x80 { return !raw && !(0x80...0x9F).contains(v) }
            return true
        }
    }
}
