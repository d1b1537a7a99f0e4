import Foundation
import Testing
import TrucCore

@Suite struct ShiftPatternTests {
    let tz = Fixture.hcm
    let april30 = LocalDay(year: 2023, month: 4, day: 30)

    @Test func threeEightOverThreeDaysCoversEverything() throws {
        let last = april30.adding(days: 2)
        let shifts = try ShiftPattern.threeEightHour.generate(from: april30, through: last, timeZone: tz, assigneeCount: 4)
        #expect(shifts.count == 9)
        #expect(shifts.first?.start == Fixture.date(2023, 4, 30, 0))
        #expect(shifts.last?.end == Fixture.date(2023, 5, 3, 0))
        #expect(shifts.allSatisfy { $0.end.timeIntervalSince($0.start) == 8 * 3600 && $0.role == .technical })
        #expect(shifts.map(\.assigneeIndex) == [0, 1, 2, 3, 0, 1, 2, 3, 0])
        #expect(zip(shifts, shifts.dropFirst()).allSatisfy { $0.end == $1.start })

        let coverage = DutyCoverage.check(
            shifts: shifts.map { DutyCoverage.Shift(start: $0.start, end: $0.end, role: $0.role) },
            from: april30.start(in: tz), to: last.adding(days: 1).start(in: tz), timeZone: tz)
        #expect(coverage.gaps.isEmpty)
        // The built-in patterns have no leader slot.
        #expect(coverage.daysWithoutLeader.count == 3)
    }

    @Test func twelveHourNightShiftCrossesMidnight() throws {
        let shifts = try ShiftPattern.twelveHourDayNight.generate(from: april30, through: april30.adding(days: 1),
                                                                 timeZone: tz, assigneeCount: 3)
        #expect(shifts.count == 4)
        #expect(shifts.map { VNDateFormat.format($0.start, timeZone: tz) }
            == ["30/04/2023 07:00", "30/04/2023 19:00", "01/05/2023 07:00", "01/05/2023 19:00"])
        #expect(VNDateFormat.format(shifts[1].end, timeZone: tz) == "01/05/2023 07:00")
        #expect(VNDateFormat.format(shifts[3].end, timeZone: tz) == "02/05/2023 07:00")
        #expect(shifts.map(\.assigneeIndex) == [0, 1, 2, 0])

        // 07:00 on 30/4 through 07:00 on 2/5 is covered seamlessly.
        let coverage = DutyCoverage.check(
            shifts: shifts.map { DutyCoverage.Shift(start: $0.start, end: $0.end, role: $0.role) },
            from: shifts[0].start, to: shifts[3].end, timeZone: tz)
        #expect(coverage.gaps.isEmpty)
    }

    @Test func resultIsSortedByStartEvenWhenSlotsAreNot() throws {
        let pattern = ShiftPattern(slots: [
            .init(startMinute: 1200, durationMinutes: 600, role: .technical),
            .init(startMinute: 60, durationMinutes: 30, role: .leader),
            .init(startMinute: 480, durationMinutes: 720, role: .technical),
        ])
        let shifts = try pattern.generate(from: april30, through: april30.adding(days: 1), timeZone: tz, assigneeCount: 2)
        #expect(shifts.count == 6)
        #expect(shifts.map(\.start) == shifts.map(\.start).sorted())
        #expect(shifts.map(\.role) == [.leader, .technical, .technical, .leader, .technical, .technical])
        #expect(shifts.map(\.assigneeIndex) == [0, 1, 0, 1, 0, 1])
    }

    @Test func singleDayAndSingleAssignee() throws {
        let shifts = try ShiftPattern.threeEightHour.generate(from: april30, through: april30, timeZone: tz, assigneeCount: 1)
        #expect(shifts.count == 3)
        #expect(shifts.allSatisfy { $0.assigneeIndex == 0 })
    }

    @Test func wallClockTimesAcrossBerlinDST() throws {
        let berlin = Fixture.berlin
        let day = LocalDay(year: 2023, month: 3, day: 26)
        let shifts = try ShiftPattern.threeEightHour.generate(from: day, through: day, timeZone: berlin, assigneeCount: 1)
        #expect(shifts.map(\.start) == [0, 8, 16].map { Fixture.date(2023, 3, 26, $0, in: berlin) })
        // The first shift loses the skipped hour.
        #expect(shifts[0].end.timeIntervalSince(shifts[0].start) == 7 * 3600)
        let autumn = LocalDay(year: 2023, month: 10, day: 29)
        let fall = try ShiftPattern.threeEightHour.generate(from: autumn, through: autumn, timeZone: berlin, assigneeCount: 1)
        #expect(fall[0].end.timeIntervalSince(fall[0].start) == 9 * 3600)
        #expect(zip(fall, fall.dropFirst()).allSatisfy { $0.end == $1.start })
    }

    @Test func namedPatterns() {
        #expect(ShiftPattern.named("3x8") == .threeEightHour)
        #expect(ShiftPattern.named(" 3X8h ") == .threeEightHour)
        #expect(ShiftPattern.named("12h") == .twelveHourDayNight)
        #expect(ShiftPattern.named("12x2") == .twelveHourDayNight)
        #expect(ShiftPattern.named("4x6") == nil)
        #expect(ShiftPattern.named("") == nil)
    }

    @Test func builtInPatternsCoverADay() {
        for pattern in [ShiftPattern.threeEightHour, .twelveHourDayNight] {
            #expect(pattern.slots.reduce(0) { $0 + $1.durationMinutes } == 1440)
            #expect(pattern.slots.allSatisfy { $0.isValid })
        }
    }

    @Test func errors() {
        let p = ShiftPattern.threeEightHour
        #expect(throws: ShiftPatternError.emptyPattern) {
            try ShiftPattern(slots: []).generate(from: april30, through: april30, timeZone: tz, assigneeCount: 1)
        }
        for bad in [ShiftPattern.Slot(startMinute: 1440, durationMinutes: 60, role: .technical),
                    .init(startMinute: -1, durationMinutes: 60, role: .technical),
                    .init(startMinute: 0, durationMinutes: 0, role: .leader),
                    .init(startMinute: 0, durationMinutes: 1441, role: .leader)] {
            #expect(throws: ShiftPatternError.invalidSlot(1)) {
                try ShiftPattern(slots: [p.slots[0], bad]).generate(from: april30, through: april30, timeZone: tz, assigneeCount: 1)
            }
        }
        #expect(throws: ShiftPatternError.rangeReversed) {
            try p.generate(from: april30, through: april30.adding(days: -1), timeZone: tz, assigneeCount: 1)
        }
        #expect(throws: ShiftPatternError.tooManyDays(367)) {
            try p.generate(from: april30, through: april30.adding(days: 366), timeZone: tz, assigneeCount: 1)
        }
        #expect(throws: ShiftPatternError.noAssignees) {
            try p.generate(from: april30, through: april30, timeZone: tz, assigneeCount: 0)
        }
        #expect(ShiftPatternError.tooManyDays(400).description.contains("366"))
        #expect(ShiftPatternError.invalidSlot(0).description.contains("Ca thứ 1"))
    }

    @Test func fullYearIsAllowed() throws {
        let first = LocalDay(year: 2024, month: 1, day: 1)
        let shifts = try ShiftPattern.threeEightHour.generate(from: first, through: first.adding(days: 365),
                                                             timeZone: tz, assigneeCount: 5)
        #expect(shifts.count == 366 * 3)
    }

    @Test func codableRoundTrip() throws {
        let data = try JSONEncoder().encode(ShiftPattern.twelveHourDayNight)
        #expect(try JSONDecoder().decode(ShiftPattern.self, from: data) == .twelveHourDayNight)
    }
}
