import NIOConcurrencyHelpers

/// At most `limit` probes of one host (a key such as "https://portal.example:443") at a time; the others wait
/// their turn, first come first served, for at most their own time limit.
///
/// The HTTP probe takes a place here before its clock starts and keeps its connection pool at least this large,
/// so a probe never waits inside the pool: waiting for our own limit is not counted as the target's latency, and a
/// probe that cannot get a place within its timeout is reported as not checked rather than as the target being
/// down.
public final class HostGate: Sendable {
    /// Most probes of one host at once.
    public let limit: Int

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var active: [String: Int] = [:]
        var waiters: [String: [Waiter]] = [:]
        /// Waits that ended (time out, cancellation) before their continuation was registered.
        var abandoned: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Probes of `key` holding a place now (for tests).
    public func active(_ key: String) -> Int { state.withLockedValue { $0.active[key] ?? 0 } }

    /// Probes of `key` waiting for a place now (for tests).
    public func waiting(_ key: String) -> Int { state.withLockedValue { $0.waiters[key]?.count ?? 0 } }

    /// Waits at most `timeout` for a place for `key`. True when a place was taken (give it back with `leave`),
    /// false when the wait ran out or the task was cancelled.
    public func enter(_ key: String, timeout: Duration) async -> Bool {
        let limit = self.limit
        let (granted, id) = state.withLockedValue { state -> (Bool, UInt64) in
            state.nextID += 1
            if state.active[key, default: 0] < limit {
                state.active[key, default: 0] += 1
                return (true, state.nextID)
            }
            return (false, state.nextID)
        }
        if granted { return true }
        let timer = Task { [self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            self.giveUp(key, id)
        }
        defer {
            timer.cancel()
            state.withLockedValue { _ = $0.abandoned.remove(id) }
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let outcome: Bool? = state.withLockedValue { state in
                    if state.abandoned.contains(id) { return false }
                    // A place may have come free since the first look.
                    if state.active[key, default: 0] < limit {
                        state.active[key, default: 0] += 1
                        return true
                    }
                    state.waiters[key, default: []].append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(returning: outcome) }
            }
        } onCancel: {
            self.giveUp(key, id)
        }
    }

    /// Gives back a place taken by `enter`: the longest waiter of `key` takes it over.
    public func leave(_ key: String) {
        let next: Waiter? = state.withLockedValue { state in
            if var queue = state.waiters[key], !queue.isEmpty {
                let first = queue.removeFirst()
                state.waiters[key] = queue.isEmpty ? nil : queue
                return first  // the place passes to the waiter; `active` stays
            }
            let count = (state.active[key] ?? 1) - 1
            state.active[key] = count > 0 ? count : nil
            return nil
        }
        next?.continuation.resume(returning: true)
    }

    /// Ends the wait `id` without a place (it timed out or was cancelled).
    private func giveUp(_ key: String, _ id: UInt64) {
        let waiter: Waiter? = state.withLockedValue { state in
            if var queue = state.waiters[key], let index = queue.firstIndex(where: { $0.id == id }) {
                let waiter = queue.remove(at: index)
                state.waiters[key] = queue.isEmpty ? nil : queue
                return waiter
            }
            state.abandoned.insert(id)
            return nil
        }
        waiter?.continuation.resume(returning: false)
    }

    /// Runs `body` holding a place for `key`; nil when no place was free within `timeout`.
    public func withPlace<T: Sendable>(_ key: String, timeout: Duration, _ body: () async throws -> T) async rethrows -> T? {
        guard await enter(key, timeout: timeout) else { return nil }
        defer { leave(key) }
        return try await body()
    }
}
