import Foundation

/// Wall-clock time spent in the named phases of a long piece of work, for benchmarks to print (`truc-bench scan`).
/// Safe to share between tasks; marking costs one lock and one clock read.
public final class PhaseTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var phases: [(name: String, seconds: Double)] = []
    private var last: Date

    public init(now: Date = Date()) { last = now }

    /// Ends the current phase under `name` (the time since the previous mark, or since creation).
    public func mark(_ name: String, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        phases.append((name, now.timeIntervalSince(last)))
        last = now
    }

    /// The phases in order, e.g. "assets 1.2 s · plan 0.4 s".
    public var line: String {
        lock.lock()
        defer { lock.unlock() }
        return phases.map { "\($0.name) \(String(format: "%.1f s", $0.seconds))" }.joined(separator: " · ")
    }
}
