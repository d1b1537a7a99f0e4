import Foundation

/// A complete SMTP reply (RFC 5321 §4.2): a three-digit code and one or more text lines.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200…599.
    public var code: Int
    /// The text of each line, after "NNN-" or "NNN " (may be empty strings).
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined with single spaces, for messages.
    public var text: String { lines.joined(separator: " ") }
    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: send more (DATA's 354, AUTH's 334).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: failed, but trying again later may work.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: failed, and repeating the same command will fail again.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The EHLO keywords, upper-cased, from the lines after the first ("8BITMIME", "AUTH PLAIN LOGIN" → "AUTH").
    public var ehloKeywords: [String: [String]] {
        var result = [String: [String]]()
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            result[keyword.uppercased()] = Array(words.dropFirst())
        }
        return result
    }

    public var description: String { "\(code) \(text)" }
}
