import Foundation

/// One progress line on the terminal, rewritten in place (on a TTY) at most five times a second; on a pipe or
/// file, one line every few seconds so that logs stay readable.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false
    private let tty = isatty(STDERR_FILENO) == 1

    func update(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= (tty ? 0.2 : 5) else { return }
        last = now
        if tty {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            shown = true
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    /// Ends the line in place so that the next output starts on a new one.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
        last = .distantPast
    }
}
