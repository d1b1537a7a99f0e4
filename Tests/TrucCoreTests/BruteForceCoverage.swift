import Foundation
import TrucCore

/// Minute-by-minute reference implementation of `DutyCoverage.check`, deliberately naive.
enum BruteForceCoverage {
    static func check(shifts: [DutyCoverage.Shift], from periodStart: Date, to periodEnd: Date,
                      timeZone: TimeZone) -> DutyCoverage.Report {
        func minute(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }
        let first = minute(periodStart)
        let end = minute(periodEnd)
        guard first < end else { return DutyCoverage.Report(gaps: [], daysWithoutLeader: []) }
        let ranges = shifts.map { (role: $0.role, lower: minute($0.start), upper: minute($0.end)) }

        var gaps: [DutyCoverage.Gap] = []
        var gapStart: Int?
        var leaderByDay: [Int: Bool] = [:]
        for m in first..<end {
            let technical = ranges.contains { $0.role == .technical && $0.lower <= m && m < $0.upper }
            let leader = ranges.contains { $0.role == .leader && $0.lower <= m && m < $0.upper }
            if technical, let s = gapStart {
                gaps.append(gap(s, m))
                gapStart = nil
            } else if !technical, gapStart == nil {
                gapStart = m
            }
            let instant = Date(timeIntervalSince1970: TimeInterval(m * 60))
            let local = m * 60 + timeZone.secondsFromGMT(for: instant)
            let dayKey = Int((Double(local) / 86_400).rounded(.down))
            leaderByDay[dayKey] = (leaderByDay[dayKey] ?? false) || leader
        }
        if let s = gapStart { gaps.append(gap(s, end)) }

        var utcCalendar = Calendar(identifier: .gregorian)
        utcCalendar.timeZone = TimeZone(identifier: "UTC")!
        let days = leaderByDay.filter { !$0.value }.keys.sorted().map { key -> LocalDay in
            let c = utcCalendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(key * 86_400)))
            return LocalDay(year: c.year!, month: c.month!, day: c.day!)
        }
        return DutyCoverage.Report(gaps: gaps, daysWithoutLeader: days)
    }

    private static func gap(_ start: Int, _ end: Int) -> DutyCoverage.Gap {
        DutyCoverage.Gap(start: Date(timeIntervalSince1970: TimeInterval(start * 60)),
                         end: Date(timeIntervalSince1970: TimeInterval(end * 60)), minutes: end - start)
    }
}
