import Foundation

/// The transparency procedure for SMTP DATA (RFC 5321 §4.5.2).
public enum SMTPDotStuffing {
    /// Makes line endings CRLF, doubles a "." at the start of any line, and ends the text with
    /// CRLF, so that appending ".\r\n" terminates the DATA section.
    public static func stuff(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var out = ""
        out.reserveCapacity(normalized.utf8.count + lines.count + 2)
        for line in lines {
            if line.hasPrefix(".") { out += "." }
            out += line + "\r\n"
        }
        return out
    }

    /// Undoes `stuff` for one received line: removes one leading "." if present.
    public static func unstuff(line: String) -> String {
        line.hasPrefix(".") ? String(line.dropFirst()) : line
    }
}
