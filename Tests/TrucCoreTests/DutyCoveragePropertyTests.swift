import Foundation
import Testing
import TrucCore

/// Compares `DutyCoverage.check` against the minute-by-minute brute force on random rosters.
@Suite struct DutyCoveragePropertyTests {
    static let zones: [TimeZone] = [
        TimeZone(secondsFromGMT: 7 * 3600)!,
        TimeZone(secondsFromGMT: -(3 * 3600 + 30 * 60))!,
        TimeZone(secondsFromGMT: 5 * 3600 + 45 * 60)!,
        TimeZone(secondsFromGMT: 14 * 3600)!,
        TimeZone(secondsFromGMT: -12 * 3600)!,
        TimeZone(identifier: "UTC")!,
        TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
        TimeZone(identifier: "Europe/Berlin")!,
        TimeZone(identifier: "Europe/Berlin")!,
        TimeZone(identifier: "America/Sao_Paulo")!, // 2018: DST started at local midnight
        TimeZone(identifier: "Australia/Lord_Howe")!, // 30-minute DST shift
    ]

    /// Instants near interesting days: Berlin DST switches, Sao Paulo's midnight switches, the 30/4 holiday, a leap day.
    static let anchors: [Date] = [
        Fixture.utc(2023, 3, 26, 1), Fixture.utc(2023, 10, 29, 1),
        Fixture.utc(2018, 11, 4, 3), Fixture.utc(2019, 2, 17, 2),
        Fixture.utc(2023, 4, 1, 16), Fixture.utc(2023, 9, 30, 16),
        Fixture.utc(2023, 4, 29, 17), Fixture.utc(2024, 2, 29, 12),
    ]

    @Test func matchesBruteForceOnRandomRosters() {
        var rng = SplitMix64(seed: 0x7275_6320_4154_5454)
        var fullyCovered = 0
        var withGaps = 0
        for index in 0..<400 {
            let zone = Self.zones.randomElement(using: &rng)!
            let anchor = Self.anchors.randomElement(using: &rng)!
            let periodStart = anchor.addingTimeInterval(jitter(-36 * 3600...36 * 3600, &rng))
            let length: TimeInterval = Int.random(in: 0..<20, using: &rng) == 0
                ? jitter(-3600...60, &rng)
                : jitter(0...(3 * 86_400), &rng)
            let periodEnd = periodStart.addingTimeInterval(length)
            var shifts = Bool.random(using: &rng)
                ? randomShifts(around: periodStart, length: length, &rng)
                : chainedShifts(around: periodStart, length: length, &rng)
            shifts += leadersNearMidnight(from: periodStart, length: length, in: zone, &rng)

            let fast = DutyCoverage.check(shifts: shifts, from: periodStart, to: periodEnd, timeZone: zone)
            let slow = BruteForceCoverage.check(shifts: shifts, from: periodStart, to: periodEnd, timeZone: zone)
            #expect(fast == slow, "case \(index): \(zone.identifier) \(periodStart)..<\(periodEnd) shifts \(shifts)")
            if fast.gaps.isEmpty { fullyCovered += 1 } else { withGaps += 1 }
        }
        // The generator should exercise both outcomes.
        #expect(fullyCovered > 20)
        #expect(withGaps > 20)
    }

    /// Up to 12 independent shifts of random roles, some starting before or ending after the period.
    private func randomShifts(around start: Date, length: TimeInterval, _ rng: inout SplitMix64) -> [DutyCoverage.Shift] {
        (0..<Int.random(in: 0...12, using: &rng)).map { _ in
            let offset = jitter(-12 * 3600...Int(max(length, 0)) + 6 * 3600, &rng)
            let duration = jitter(-3600...30 * 3600, &rng)
            let s = start.addingTimeInterval(offset)
            return DutyCoverage.Shift(start: s, end: s.addingTimeInterval(duration), role: randomRole(&rng))
        }
    }

    /// Consecutive technical shifts across the period, with occasional small gaps, overlaps or seconds off,
    /// plus a few leader shifts: likely to cover fully or nearly.
    private func chainedShifts(around start: Date, length: TimeInterval, _ rng: inout SplitMix64) -> [DutyCoverage.Shift] {
        var shifts: [DutyCoverage.Shift] = []
        var cursor = start.addingTimeInterval(jitter(-7200...600, &rng))
        let end = start.addingTimeInterval(max(length, 0))
        while cursor < end, shifts.count < 12 {
            let next = cursor.addingTimeInterval(TimeInterval(Int.random(in: 4...12, using: &rng) * 3600))
            let slack: TimeInterval = switch Int.random(in: 0..<6, using: &rng) {
            case 0: TimeInterval(Int.random(in: 1...120, using: &rng) * 60)   // gap
            case 1: -TimeInterval(Int.random(in: 1...120, using: &rng) * 60)  // overlap
            case 2: TimeInterval(Int.random(in: -59...59, using: &rng))       // seconds off
            default: 0
            }
            shifts.append(DutyCoverage.Shift(start: cursor, end: next, role: .technical))
            cursor = next.addingTimeInterval(slack)
        }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let s = start.addingTimeInterval(jitter(-6 * 3600...Int(max(length, 0)), &rng))
            shifts.append(DutyCoverage.Shift(start: s, end: s.addingTimeInterval(jitter(60...14 * 3600, &rng)), role: .leader))
        }
        shifts.shuffle(using: &rng)
        return shifts
    }

    /// Short leader shifts just before or after local midnights, to probe day boundaries (which move with DST).
    private func leadersNearMidnight(from start: Date, length: TimeInterval, in zone: TimeZone,
                                     _ rng: inout SplitMix64) -> [DutyCoverage.Shift] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var midnight = calendar.startOfDay(for: start)
        var shifts: [DutyCoverage.Shift] = []
        while midnight < start.addingTimeInterval(max(length, 0) + 86_400) {
            if Int.random(in: 0..<3, using: &rng) == 0 {
                let s = midnight.addingTimeInterval(jitter(-90 * 60...30 * 60, &rng))
                shifts.append(DutyCoverage.Shift(start: s, end: s.addingTimeInterval(jitter(60...90 * 60, &rng)), role: .leader))
            }
            midnight = calendar.date(byAdding: .day, value: 1, to: midnight)!
        }
        return shifts
    }

    private func randomRole(_ rng: inout SplitMix64) -> DutyRole {
        Int.random(in: 0..<3, using: &rng) == 0 ? .leader : .technical
    }

    /// A random number of seconds in `range`, usually rounded to whole quarter-hours, otherwise with second-level jitter.
    private func jitter(_ range: ClosedRange<Int>, _ rng: inout SplitMix64) -> TimeInterval {
        let raw = Int.random(in: range, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return TimeInterval(raw)
        case 1: return TimeInterval(raw) + 0.5
        default:
            let rounded = (raw / 900) * 900
            return TimeInterval(range.contains(rounded) ? rounded : raw)
        }
    }
}
