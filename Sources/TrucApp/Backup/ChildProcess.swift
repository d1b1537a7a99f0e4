import Dispatch
import Foundation

/// Runs a program (pg_dump, pg_restore) and collects what it prints, without blocking Swift's cooperative threads:
/// waiting and reading happen on Dispatch's.
struct ChildProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        /// Whether the program was stopped because it ran longer than the timeout.
        var timedOut = false

        /// The last lines of stderr, for an error message.
        var errorText: String {
            let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.split(separator: "\n").suffix(5).joined(separator: " / ")
        }
    }

    /// The full path of `name` on PATH, or nil.
    static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments` and exactly `environment`; stdin is /dev/null. With a `timeout`, a program
    /// still running then is terminated (SIGTERM) and the result says `timedOut`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    timeout: Duration? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stopped = TimedOutFlag()
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(max(0, nanoseconds))) {
                if process.isRunning {
                    stopped.set()
                    process.terminate()
                }
            }
        }
        async let stdout = readAll(out.fileHandleForReading)
        async let stderr = readAll(err.fileHandleForReading)
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        return Result(status: status, stdout: await stdout, stderr: await stderr, timedOut: stopped.value)
    }

    private static func readAll(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = (try? handle.readToEnd()) ?? Data()
                try? handle.close()
                continuation.resume(returning: data)
            }
        }
    }

    /// Set once when the timeout stopped the program.
    private final class TimedOutFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false

        func set() { lock.withLock { stopped = true } }
        var value: Bool { lock.withLock { stopped } }
    }
}
