import Foundation

/// The up/degraded/down state machine of one monitor, with confirmation so that a flapping service does not
/// raise an alert at every check.
///
/// Rules, for each check outcome recorded:
/// - From `pending`, the first outcome sets the state at once (and the change is reported; the caller decides
///   whether a first state deserves an alert).
/// - An outcome equal to the current state resets the candidate: a change needs consecutive results.
/// - Going `down` needs `retries + 1` consecutive down results.
/// - Leaving `down` needs 2 consecutive results that are not down (recovery confirmation, so that one lucky
///   answer does not end an outage); up and degraded both count, and the state becomes that of the last one.
/// - Between `up` and `degraded`, 2 consecutive results of the other state.
///
/// Encoded with the monitor (Codable) so that a restart keeps the state and the candidate.
public struct MonitorStateTracker: Sendable, Codable, Equatable {
    /// The confirmed state.
    public private(set) var state: MonitorState
    /// When the state was entered (the check that confirmed it); nil while pending.
    public private(set) var since: Date?
    /// The outcome of the last check that differs from the state, while a change awaits confirmation.
    public private(set) var candidate: ProbeOutcome?
    /// How many consecutive checks have pointed away from the state (towards `candidate`).
    public private(set) var candidateCount: Int

    /// A tracker that has seen no check yet.
    public init() {
        self.init(state: .pending, since: nil)
    }

    /// A tracker in a known state (e.g. restored from the database) with no change awaiting confirmation.
    public init(state: MonitorState, since: Date?) {
        self.state = state
        self.since = since
        self.candidate = nil
        self.candidateCount = 0
    }

    /// The consecutive results needed to go from one state to another (1 from pending).
    public static func confirmationsNeeded(from: MonitorState, to: MonitorState, retries: Int) -> Int {
        if from == .pending { return 1 }
        if to == .down { return max(retries, 0) + 1 }
        return 2
    }

    /// Records one check outcome; returns the change when it confirms one.
    @discardableResult
    public mutating func record(_ outcome: ProbeOutcome, at date: Date, retries: Int) -> MonitorStateChange? {
        let target = MonitorState(outcome)
        if state == .pending {
            return change(to: target, at: date)
        }
        if target == state {
            candidate = nil
            candidateCount = 0
            return nil
        }
        // Up and degraded count together when recovering from down.
        let continues: Bool
        if let candidate {
            continues = candidate == outcome || (state == .down && candidate != .down && outcome != .down)
        } else {
            continues = false
        }
        candidateCount = continues ? candidateCount + 1 : 1
        candidate = outcome
        guard candidateCount >= Self.confirmationsNeeded(from: state, to: target, retries: retries) else {
            return nil
        }
        return change(to: target, at: date)
    }

    private mutating func change(to target: MonitorState, at date: Date) -> MonitorStateChange {
        let change = MonitorStateChange(from: state, to: target, at: date)
        state = target
        since = date
        candidate = nil
        candidateCount = 0
        return change
    }
}
