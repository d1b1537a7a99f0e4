import Foundation

/// A confirmed change of a monitor's state, reported by `MonitorStateTracker.record(_:at:retries:)`.
public struct MonitorStateChange: Sendable, Equatable, Codable {
    public let from: MonitorState
    public let to: MonitorState
    /// When the check that confirmed the change ran.
    public let at: Date

    public init(from: MonitorState, to: MonitorState, at: Date) {
        self.from = from
        self.to = to
        self.at = at
    }
}
