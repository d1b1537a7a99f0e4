/// Runs async work under a hard time limit.
///
/// The operation runs in a child task next to a sleeping one; whichever finishes first wins and the other is
/// cancelled. The operation must respond to task cancellation (async-http-client's `execute` and response-body
/// iteration do), since the group waits for it to return before `run` returns.
enum TimeLimit {
    static func run<T: Sendable>(
        _ limit: Duration,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw ProbeTimeout(limit: limit)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw ProbeTimeout(limit: limit) }
            return first
        }
    }
}
