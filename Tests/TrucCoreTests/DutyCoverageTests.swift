import Foundation
import Testing
import TrucCore

@Suite struct DutyCoverageTests {
    typealias Shift = DutyCoverage.Shift
    let tz = Fixture.hcm

    func d(_ day: Int, _ month: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        Fixture.date(2023, month, day, hour, minute, second, in: tz)
    }

    func tech(_ start: Date, _ end: Date) -> Shift { Shift(start: start, end: end, role: .technical) }
    func lead(_ start: Date, _ end: Date) -> Shift { Shift(start: start, end: end, role: .leader) }

    /// Three 8-hour technical shifts on each of 30/4 and 01/5, plus a leader each day.
    var holidayRoster: [Shift] {
        var shifts: [Shift] = []
        for (day, month) in [(30, 4), (1, 5)] {
            shifts.append(tech(d(day, month, 0), d(day, month, 8)))
            shifts.append(tech(d(day, month, 8), d(day, month, 16)))
            shifts.append(tech(d(day, month, 16), d(day, month, 0).addingTimeInterval(86_400)))
            shifts.append(lead(d(day, month, 7, 30), d(day, month, 17)))
        }
        return shifts
    }

    @Test func holidayRosterIsFullyCovered() {
        let report = DutyCoverage.check(shifts: holidayRoster, from: d(30, 4, 0), to: d(2, 5, 0), timeZone: tz)
        #expect(report.gaps.isEmpty)
        #expect(report.daysWithoutLeader.isEmpty)
        #expect(report.isFullyCovered)
    }

    @Test func missingHolidayShiftLeavesExactlyOneEightHourGap() {
        var shifts = holidayRoster
        shifts.removeAll { $0.role == .technical && $0.start == d(1, 5, 8) }
        let report = DutyCoverage.check(shifts: shifts.reversed(), from: d(30, 4, 0), to: d(2, 5, 0), timeZone: tz)
        #expect(report.gaps == [DutyCoverage.Gap(start: d(1, 5, 8), end: d(1, 5, 16), minutes: 480)])
        #expect(report.gaps.first?.start == Fixture.utc(2023, 5, 1, 1))
        #expect(report.gapMinutes == 480)
        #expect(report.daysWithoutLeader.isEmpty)
        #expect(!report.isFullyCovered)
    }

    @Test func dayWithoutLeaderIsReported() {
        let shifts = holidayRoster.filter { !($0.role == .leader && $0.start == d(1, 5, 7, 30)) }
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 0), to: d(2, 5, 0), timeZone: tz)
        #expect(report.gaps.isEmpty)
        #expect(report.daysWithoutLeader == [LocalDay(year: 2023, month: 5, day: 1)])
        #expect(!report.isFullyCovered)
    }

    @Test func leaderShiftIsNotTechnicalCoverage() {
        let shifts = [lead(d(30, 4, 0), d(1, 5, 0))]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 0), to: d(1, 5, 0), timeZone: tz)
        #expect(report.gaps.map(\.minutes) == [1440])
        #expect(report.daysWithoutLeader.isEmpty)
    }

    @Test func noShiftsGiveOneGapOverWholePeriod() {
        let report = DutyCoverage.check(shifts: [], from: d(30, 4, 6), to: d(1, 5, 6), timeZone: tz)
        #expect(report.gaps == [DutyCoverage.Gap(start: d(30, 4, 6), end: d(1, 5, 6), minutes: 1440)])
        #expect(report.daysWithoutLeader == [LocalDay(year: 2023, month: 4, day: 30), LocalDay(year: 2023, month: 5, day: 1)])
    }

    @Test(arguments: [0, -60, -86_400])
    func emptyPeriodGivesEmptyReport(length: TimeInterval) {
        let start = d(30, 4, 6)
        let report = DutyCoverage.check(shifts: [], from: start, to: start.addingTimeInterval(length), timeZone: tz)
        #expect(report == DutyCoverage.Report(gaps: [], daysWithoutLeader: []))
        #expect(report.isFullyCovered)
    }

    @Test func periodShorterThanAMinuteWithinOneMinuteIsEmpty() {
        let report = DutyCoverage.check(shifts: [], from: d(30, 4, 6, 0, 5), to: d(30, 4, 6, 0, 55), timeZone: tz)
        #expect(report.gaps.isEmpty && report.daysWithoutLeader.isEmpty)
    }

    @Test func touchingAndOverlappingShiftsMerge() {
        let shifts = [
            tech(d(30, 4, 0), d(30, 4, 8)),
            tech(d(30, 4, 8), d(30, 4, 12)),   // touches
            tech(d(30, 4, 10), d(30, 4, 14)),  // overlaps
            tech(d(30, 4, 11), d(30, 4, 12)),  // contained
            tech(d(30, 4, 15), d(30, 4, 20)),
            tech(d(30, 4, 20), d(1, 5, 0)),
            lead(d(30, 4, 14), d(30, 4, 15)),
        ]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 0), to: d(1, 5, 0), timeZone: tz)
        #expect(report.gaps == [DutyCoverage.Gap(start: d(30, 4, 14), end: d(30, 4, 15), minutes: 60)])
        #expect(report.daysWithoutLeader.isEmpty)
    }

    @Test func shiftsOutsideThePeriodAreClipped() {
        let shifts = [
            tech(d(29, 4, 0), d(30, 4, 9)),
            tech(d(30, 4, 17), d(3, 5, 0)),
            tech(d(25, 4, 0), d(26, 4, 0)),   // entirely before
            tech(d(5, 5, 0), d(6, 5, 0)),     // entirely after
            lead(d(28, 4, 0), d(30, 4, 6)),   // ends before the period starts
        ]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 7), to: d(30, 4, 19), timeZone: tz)
        #expect(report.gaps == [DutyCoverage.Gap(start: d(30, 4, 9), end: d(30, 4, 17), minutes: 480)])
        #expect(report.daysWithoutLeader == [LocalDay(year: 2023, month: 4, day: 30)])
    }

    @Test func reversedAndZeroLengthShiftsCoverNothing() {
        let shifts = [
            tech(d(30, 4, 8), d(30, 4, 6)),
            tech(d(30, 4, 7), d(30, 4, 7)),
            tech(d(30, 4, 7, 0, 10), d(30, 4, 7, 0, 50)), // same minute after truncation
            lead(d(30, 4, 9), d(30, 4, 9)),
        ]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 6), to: d(30, 4, 10), timeZone: tz)
        #expect(report.gaps.map(\.minutes) == [240])
        #expect(report.daysWithoutLeader == [LocalDay(year: 2023, month: 4, day: 30)])
    }

    @Test func instantsTruncateToWholeMinutes() {
        // Covers [06:59, 08:00): the start's seconds are dropped, and so are the end's.
        let shifts = [tech(d(30, 4, 6, 59, 59), d(30, 4, 8, 0, 59))]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 6, 30, 45), to: d(30, 4, 9, 0, 1), timeZone: tz)
        #expect(report.gaps == [
            DutyCoverage.Gap(start: d(30, 4, 6, 30), end: d(30, 4, 6, 59), minutes: 29),
            DutyCoverage.Gap(start: d(30, 4, 8), end: d(30, 4, 9), minutes: 60),
        ])
    }

    @Test func leaderOutsideThePeriodPartOfADayDoesNotCount() {
        // The period covers 30/4 from 12:00; the leader was only on duty in the morning.
        let shifts = [lead(d(30, 4, 7), d(30, 4, 11)), lead(d(1, 5, 23), d(2, 5, 3))]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 12), to: d(1, 5, 23, 30), timeZone: tz)
        #expect(report.daysWithoutLeader == [LocalDay(year: 2023, month: 4, day: 30)])
    }

    @Test func oneLeaderMinuteIsEnoughForADay() {
        let shifts = [lead(d(30, 4, 23, 59), d(1, 5, 0, 1))]
        let report = DutyCoverage.check(shifts: shifts, from: d(30, 4, 0), to: d(2, 5, 0), timeZone: tz)
        #expect(report.daysWithoutLeader.isEmpty)
        let shorter = [lead(d(30, 4, 23, 59), d(1, 5, 0, 0))]
        #expect(DutyCoverage.check(shifts: shorter, from: d(30, 4, 0), to: d(2, 5, 0), timeZone: tz).daysWithoutLeader
            == [LocalDay(year: 2023, month: 5, day: 1)])
    }

    @Test func daysFollowTheGivenTimeZone() {
        // 30/4 20:00 -> 01/5 04:00 in Hanoi time spans two local days, but a single UTC day.
        let start = d(30, 4, 20)
        let end = d(1, 5, 4)
        #expect(DutyCoverage.check(shifts: [], from: start, to: end, timeZone: tz).daysWithoutLeader.count == 2)
        #expect(DutyCoverage.check(shifts: [], from: start, to: end, timeZone: Fixture.utc).daysWithoutLeader
            == [LocalDay(year: 2023, month: 4, day: 30)])
    }

    @Test func berlinSpringForwardDayHas23Hours() {
        let berlin = Fixture.berlin
        let dayStart = Fixture.date(2023, 3, 26, in: berlin)
        let dayEnd = Fixture.date(2023, 3, 27, in: berlin)
        let report = DutyCoverage.check(shifts: [lead(dayEnd.addingTimeInterval(-60), dayEnd)],
                                        from: dayStart, to: dayEnd, timeZone: berlin)
        #expect(report.gaps.map(\.minutes) == [23 * 60])
        #expect(report.daysWithoutLeader.isEmpty)
    }

    @Test func tenThousandShiftsOverThirtyDaysAreFast() {
        var rng = SplitMix64(seed: 42)
        let start = d(1, 4, 0)
        let end = start.addingTimeInterval(30 * 86_400)
        let shifts = (0..<10_000).map { _ in
            let s = start.addingTimeInterval(TimeInterval(Int.random(in: -86_400...(31 * 86_400), using: &rng)))
            return Shift(start: s, end: s.addingTimeInterval(TimeInterval(Int.random(in: 0...3_600, using: &rng))),
                         role: Bool.random(using: &rng) ? .technical : .leader)
        }
        let clock = ContinuousClock()
        var report: DutyCoverage.Report?
        let elapsed = clock.measure {
            report = DutyCoverage.check(shifts: shifts, from: start, to: end, timeZone: tz)
        }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(report?.daysWithoutLeader.isEmpty == true)
        #expect(report.map { $0.gaps.allSatisfy { $0.minutes > 0 } } == true)
    }
}
