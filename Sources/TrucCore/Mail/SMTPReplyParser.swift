import Foundation

/// Gathers reply lines ("250-first", "250-second", "250 last") into `SMTPReply` values.
public struct SMTPReplyParser: Sendable {
    /// Why a line was refused.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        /// The offending line (cut to 120 characters).
        public var line: String
        public var description: String { "malformed SMTP reply line \"\(line)\"" }
        public init(line: String) { self.line = String(line.prefix(120)) }
    }

    /// Lines of the reply being assembled.
    private var pending: [String] = []
    private var pendingCode: Int?
    /// Replies longer than this many lines are refused (a server streaming an endless reply).
    public var maximumLines: Int

    public init(maximumLines: Int = 512) {
        self.maximumLines = maximumLines
    }

    /// `true` while a multi-line reply has started but not ended.
    public var isInsideReply: Bool { pendingCode != nil }

    /// Feeds one line (without CRLF). Returns the reply when `line` completes one.
    /// - Throws: `Malformed` for a line without a 2xx–5xx code, a continuation with a different
    ///   code, or an over-long reply.
    public mutating func feed(_ line: String) throws(Malformed) -> SMTPReply? {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
              let code = Int(String(decoding: utf8[0...2], as: UTF8.self)), (200...599).contains(code) else {
            throw Malformed(line: line)
        }
        let separator: UInt8? = utf8.count > 3 ? utf8[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw Malformed(line: line)
        }
        if let pendingCode, pendingCode != code { throw Malformed(line: line) }
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        pending.append(text)
        guard pending.count <= maximumLines else { throw Malformed(line: line) }
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pending)
        pending = []
        pendingCode = nil
        return reply
    }
}
