import Foundation

/// The confirmed state of a monitor, as shown and alerted on (see `MonitorStateTracker`).
public enum MonitorState: String, Sendable, Codable, CaseIterable {
    /// No check has answered yet.
    case pending
    case up
    /// Answers, but slowly or with a certificate close to expiry.
    case degraded
    case down

    /// The state a single check outcome points to.
    public init(_ outcome: ProbeOutcome) {
        switch outcome {
        case .up: self = .up
        case .degraded: self = .degraded
        case .down: self = .down
        }
    }

    /// The outcome this state stands for; nil when pending.
    public var outcome: ProbeOutcome? {
        switch self {
        case .pending: nil
        case .up: .up
        case .degraded: .degraded
        case .down: .down
        }
    }

    public var vietnamese: String {
        switch self {
        case .pending: "Chưa rõ"
        case .up: "Hoạt động"
        case .degraded: "Chậm"
        case .down: "Mất kết nối"
        }
    }

    public var english: String {
        switch self {
        case .pending: "Pending"
        case .up: "Up"
        case .degraded: "Degraded"
        case .down: "Down"
        }
    }
}
