import Foundation

/// The 24/7 duty coverage check: which minutes of a period no technical shift covers,
/// and which local days have no leader on duty at all.
///
/// Everything is measured in whole minutes: every instant is truncated down to its minute,
/// the period is `[start, end)`, and a shift covers `[start, end)` of its own (clipped to the period).
/// Runs in O(n log n) for n shifts plus O(days) for the leader check.
public struct DutyCoverage: Sendable {
    public struct Shift: Sendable, Equatable {
        public var start: Date
        public var end: Date
        public var role: DutyRole
        public init(start: Date, end: Date, role: DutyRole) {
            self.start = start
            self.end = end
            self.role = role
        }
    }

    /// A maximal run of minutes without technical coverage.
    public struct Gap: Sendable, Equatable, Codable {
        public var start: Date
        public var end: Date
        public var minutes: Int
        public init(start: Date, end: Date, minutes: Int) {
            self.start = start
            self.end = end
            self.minutes = minutes
        }
    }

    public struct Report: Sendable, Equatable {
        /// Uncovered stretches of the period, in chronological order.
        public var gaps: [Gap]
        /// Local days touching the period that have no leader minute within the period, ascending.
        public var daysWithoutLeader: [LocalDay]
        public var isFullyCovered: Bool { gaps.isEmpty && daysWithoutLeader.isEmpty }
        /// Total uncovered minutes.
        public var gapMinutes: Int { gaps.reduce(0) { $0 + $1.minutes } }
        public init(gaps: [Gap], daysWithoutLeader: [LocalDay]) {
            self.gaps = gaps
            self.daysWithoutLeader = daysWithoutLeader
        }
    }

    public static func check(shifts: [Shift], from periodStart: Date, to periodEnd: Date, timeZone: TimeZone) -> Report {
        let period = MinuteRange(lower: periodStart.minutesSince1970, upper: periodEnd.minutesSince1970)
        guard !period.isEmpty else { return Report(gaps: [], daysWithoutLeader: []) }

        let technical = merged(shifts, role: .technical, within: period)
        var gaps: [Gap] = []
        var cursor = period.lower
        for covered in technical {
            if covered.lower > cursor { gaps.append(Gap(cursor..<covered.lower)) }
            cursor = covered.upper
        }
        if cursor < period.upper { gaps.append(Gap(cursor..<period.upper)) }

        let leader = merged(shifts, role: .leader, within: period)
        var daysWithoutLeader: [LocalDay] = []
        var index = 0
        var day = LocalDay(Date(minutesSince1970: period.lower), in: timeZone)
        let lastDay = LocalDay(Date(minutesSince1970: period.upper - 1), in: timeZone)
        var dayStart = period.lower
        while day <= lastDay {
            let next = day.adding(days: 1)
            let dayEnd = min(period.upper, next.start(in: timeZone).minutesSince1970RoundedUp)
            // Skip leader intervals that end before this day's part of the period.
            while index < leader.count, leader[index].upper <= dayStart { index += 1 }
            if !(index < leader.count && leader[index].lower < dayEnd) {
                daysWithoutLeader.append(day)
            }
            day = next
            dayStart = dayEnd
        }
        return Report(gaps: gaps, daysWithoutLeader: daysWithoutLeader)
    }

    /// Shifts of `role` clipped to `period`, sorted and merged into disjoint, non-touching ranges.
    private static func merged(_ shifts: [Shift], role: DutyRole, within period: MinuteRange) -> [MinuteRange] {
        let ranges = shifts.lazy
            .filter { $0.role == role }
            .map { MinuteRange(lower: max($0.start.minutesSince1970, period.lower),
                               upper: min($0.end.minutesSince1970, period.upper)) }
            .filter { !$0.isEmpty }
            .sorted { $0.lower < $1.lower }
        var result: [MinuteRange] = []
        result.reserveCapacity(ranges.count)
        for range in ranges {
            if let last = result.last, range.lower <= last.upper {
                result[result.count - 1].upper = max(last.upper, range.upper)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Half-open range of whole minutes since 1970.
    private struct MinuteRange {
        var lower: Int
        var upper: Int
        var isEmpty: Bool { upper <= lower }
    }
}

extension DutyCoverage.Gap {
    fileprivate init(_ minutes: Range<Int>) {
        self.init(start: Date(minutesSince1970: minutes.lowerBound), end: Date(minutesSince1970: minutes.upperBound),
                  minutes: minutes.count)
    }
}
