import Foundation
import Testing
@testable import TrucCore

@Suite struct MonitorStateTrackerTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Records the outcomes one minute apart; returns the changes with the index of the check that caused each.
    private func run(_ tracker: inout MonitorStateTracker, _ outcomes: [ProbeOutcome], retries: Int,
                     from offset: Int = 0) -> [(index: Int, from: MonitorState, to: MonitorState)] {
        var changes: [(Int, MonitorState, MonitorState)] = []
        for (index, outcome) in outcomes.enumerated() {
            let at = start.addingTimeInterval(TimeInterval((offset + index) * 60))
            if let change = tracker.record(outcome, at: at, retries: retries) {
                #expect(change.at == at)
                changes.append((index, change.from, change.to))
            }
        }
        return changes
    }

    @Test func firstResultLeavesPendingAtOnce() {
        for outcome in ProbeOutcome.allCases {
            var tracker = MonitorStateTracker()
            #expect(tracker.state == .pending && tracker.since == nil)
            let change = tracker.record(outcome, at: start, retries: 5)
            #expect(change == MonitorStateChange(from: .pending, to: MonitorState(outcome), at: start))
            #expect(tracker.state == MonitorState(outcome) && tracker.since == start)
        }
    }

    @Test func goingDownWithoutRetries() {
        var tracker = MonitorStateTracker(state: .up, since: start)
        let changes = run(&tracker, [.down], retries: 0)
        #expect(changes.count == 1 && changes[0].index == 0 && changes[0].to == .down)
        #expect(tracker.state == .down && tracker.since == start)
    }

    @Test func goingDownNeedsRetriesPlusOne() {
        var tracker = MonitorStateTracker(state: .up, since: start)
        let changes = run(&tracker, [.down, .down, .down, .down], retries: 2)
        #expect(changes.map(\.index) == [2])
        #expect(changes.first?.from == .up && changes.first?.to == .down)
        #expect(tracker.since == start.addingTimeInterval(120))
    }

    @Test func candidateCounting() {
        var tracker = MonitorStateTracker(state: .up, since: start)
        _ = run(&tracker, [.down, .down], retries: 3)
        #expect(tracker.candidate == .down && tracker.candidateCount == 2 && tracker.state == .up)
        _ = run(&tracker, [.up], retries: 3)
        #expect(tracker.candidate == nil && tracker.candidateCount == 0)
    }

    @Test func flappingProducesNoChange() {
        var tracker = MonitorStateTracker(state: .up, since: start)
        #expect(run(&tracker, [.up, .down, .up, .down, .up, .down], retries: 1).isEmpty)
        #expect(tracker.state == .up && tracker.since == start)
    }

    @Test func recoveryNeedsTwoAnswers() {
        var tracker = MonitorStateTracker(state: .down, since: start)
        // One lucky answer does not end the outage.
        #expect(run(&tracker, [.up, .down, .up, .down], retries: 0).isEmpty)
        #expect(tracker.state == .down)
        let changes = run(&tracker, [.up, .up], retries: 0)
        #expect(changes.count == 1 && changes[0].index == 1 && changes[0].from == .down && changes[0].to == .up)
    }

    @Test func recoveryCountsUpAndDegradedTogether() {
        var tracker = MonitorStateTracker(state: .down, since: start)
        #expect(run(&tracker, [.degraded, .degraded], retries: 0).map(\.to) == [.degraded])
        var other = MonitorStateTracker(state: .down, since: start)
        #expect(run(&other, [.up, .degraded], retries: 0).map(\.to) == [.degraded])
        var third = MonitorStateTracker(state: .down, since: start)
        #expect(run(&third, [.degraded, .up], retries: 0).map(\.to) == [.up])
    }

    @Test func upAndDegradedNeedTwo() {
        var tracker = MonitorStateTracker(state: .up, since: start)
        #expect(run(&tracker, [.degraded, .up, .degraded], retries: 0).isEmpty)
        #expect(run(&tracker, [.degraded], retries: 0, from: 3).map(\.to) == [.degraded])
        #expect(run(&tracker, [.up], retries: 0).isEmpty)
        #expect(run(&tracker, [.up], retries: 0).map(\.to) == [.up])
    }

    @Test func degradedGoesDownLikeUp() {
        var tracker = MonitorStateTracker(state: .degraded, since: start)
        #expect(run(&tracker, [.down, .degraded, .down, .down], retries: 1).map(\.index) == [3])
        #expect(tracker.state == .down)
        // A switch of candidate restarts the count: up, degraded then down, down with retries 1.
        var other = MonitorStateTracker(state: .up, since: start)
        #expect(run(&other, [.degraded, .down, .down], retries: 1).map { "\($0.index)\($0.to)" } == ["2down"])
    }

    @Test func confirmationsNeeded() {
        #expect(MonitorStateTracker.confirmationsNeeded(from: .pending, to: .down, retries: 3) == 1)
        #expect(MonitorStateTracker.confirmationsNeeded(from: .up, to: .down, retries: 3) == 4)
        #expect(MonitorStateTracker.confirmationsNeeded(from: .up, to: .down, retries: -2) == 1)
        #expect(MonitorStateTracker.confirmationsNeeded(from: .down, to: .up, retries: 3) == 2)
        #expect(MonitorStateTracker.confirmationsNeeded(from: .up, to: .degraded, retries: 3) == 2)
    }

    @Test func codableKeepsCandidate() throws {
        var tracker = MonitorStateTracker(state: .up, since: start)
        tracker.record(.down, at: start, retries: 2)
        let decoded = try JSONDecoder().decode(MonitorStateTracker.self, from: JSONEncoder().encode(tracker))
        #expect(decoded == tracker && decoded.candidateCount == 1)
    }

    @Test func stateLabels() {
        #expect(MonitorState.allCases.map(\.vietnamese) == ["Chưa rõ", "Hoạt động", "Chậm", "Mất kết nối"])
        #expect(MonitorState.allCases.map(\.english) == ["Pending", "Up", "Degraded", "Down"])
        #expect(MonitorState.pending.outcome == nil && MonitorState(.degraded).outcome == .degraded)
    }
}
