/// Thrown when a probe or a delivery does not finish within its time limit.
public struct ProbeTimeout: Error, Sendable, Equatable {
    /// The limit that was exceeded.
    public let limit: Duration

    public init(limit: Duration) {
        self.limit = limit
    }
}
