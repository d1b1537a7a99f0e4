import Foundation
import Testing
@testable import TrucCore

@Suite struct UptimeMathTests {
    private let base = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
    private let hanoi = TimeZone(secondsFromGMT: 7 * 3_600)!

    @Test func uptimePercent() {
        #expect(UptimeMath.uptimePercent(up: 0, degraded: 0, total: 0) == nil)
        #expect(UptimeMath.uptimePercent(up: 90, degraded: 5, total: 100) == 95)
        #expect(UptimeMath.uptimePercent(up: 0, degraded: 0, total: 4) == 0)
    }

    @Test func percentText() {
        #expect(UptimeMath.percentText(100) == "100%")
        #expect(UptimeMath.percentText(99.95) == "99.95%")
        #expect(UptimeMath.percentText(99.999) == "99.99%")
        #expect(UptimeMath.percentText(98.5) == "98.5%")
        #expect(UptimeMath.percentText(0.29) == "0.29%")
        #expect(UptimeMath.percentText(7.05) == "7.05%")
        #expect(UptimeMath.percentText(-3) == "0%")
    }

    @Test func rollupGroupsByAlignedBuckets() {
        let hourStart = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 3_600))
        let results: [(at: Date, outcome: ProbeOutcome, latencyMs: Double?)] = [
            (hourStart.addingTimeInterval(3_600 + 10), .up, 12),
            (hourStart.addingTimeInterval(5), .up, 40),
            (hourStart.addingTimeInterval(65), .degraded, 1_200),
            (hourStart.addingTimeInterval(125), .down, 10_000),
            (hourStart.addingTimeInterval(3_599.9), .down, nil),
        ]
        let rollups = UptimeMath.rollup(results: results, bucket: UptimeMath.hour)
        #expect(rollups.count == 2)
        #expect(rollups[0] == CheckRollup(bucketStart: hourStart, total: 4, up: 1, degraded: 1, down: 2,
                                          latency: LatencyHistogram([40, 1_200])))
        #expect(rollups[1].bucketStart == hourStart.addingTimeInterval(3_600) && rollups[1].total == 1)
        #expect(rollups[0].uptimePercent == 50)
        #expect(UptimeMath.uptimePercent(of: rollups) == 60)
    }

    @Test func mergeHourlyIntoDaily() {
        let dayStart = UptimeMath.bucketStart(of: base, bucket: UptimeMath.day)
        #expect(dayStart == Date(timeIntervalSince1970: 1_799_971_200))
        let hourly = (0..<30).map { hour in
            CheckRollup(bucketStart: dayStart.addingTimeInterval(TimeInterval(hour) * 3_600), total: 60, up: 59,
                        degraded: 0, down: 1, latency: LatencyHistogram(Array(repeating: 20, count: 59)))
        }
        let daily = UptimeMath.mergeRollups(hourly.shuffled(), bucket: UptimeMath.day)
        #expect(daily.map(\.bucketStart) == [dayStart, dayStart.addingTimeInterval(86_400)])
        #expect(daily[0].total == 24 * 60 && daily[0].down == 24 && daily[0].latency.count == 24 * 59)
        #expect(daily[1].total == 6 * 60)
    }

    @Test func dailyUptimeInLocalDays() {
        // endingAt 2027-01-15 15:00 Hanoi; 3 local days: 13th, 14th, 15th (starting 17:00 UTC the day before).
        let endingAt = base
        let calendar = Calendar.gregorian(in: hanoi)
        let lastDay = calendar.startOfDay(for: endingAt)
        #expect(lastDay == Date(timeIntervalSince1970: 1_800_000_000 - 15 * 3_600))
        let rollups = [
            // 16:00 UTC on the 14th is 23:00 on the 14th in Hanoi.
            CheckRollup(bucketStart: lastDay.addingTimeInterval(-3_600), total: 10, up: 9, degraded: 0, down: 1),
            // 17:00 UTC on the 14th is 00:00 on the 15th in Hanoi.
            CheckRollup(bucketStart: lastDay, total: 10, up: 8, degraded: 2, down: 0),
            CheckRollup(bucketStart: lastDay.addingTimeInterval(3_600), total: 10, up: 0, degraded: 0, down: 10),
            // Outside the period.
            CheckRollup(bucketStart: lastDay.addingTimeInterval(-5 * 86_400), total: 10, up: 10),
        ]
        let days = UptimeMath.dailyUptime(rollups: rollups, days: 3, endingAt: endingAt, timeZone: hanoi)
        #expect(days == [
            DailyUptime(day: lastDay.addingTimeInterval(-2 * 86_400), percent: nil),
            DailyUptime(day: lastDay.addingTimeInterval(-86_400), percent: 90),
            DailyUptime(day: lastDay, percent: 50),
        ])
        #expect(UptimeMath.dailyUptime(rollups: rollups, days: 0, endingAt: endingAt, timeZone: hanoi).isEmpty)
    }

    @Test func downtimeEpisodes() {
        func at(_ minutes: Double) -> Date { base.addingTimeInterval(minutes * 60) }
        let changes = [
            MonitorStateChange(from: .pending, to: .up, at: at(0)),
            MonitorStateChange(from: .up, to: .down, at: at(10)),
            MonitorStateChange(from: .down, to: .degraded, at: at(25)),
            MonitorStateChange(from: .degraded, to: .up, at: at(30)),
            MonitorStateChange(from: .up, to: .down, at: at(50)),
        ]
        let episodes = DowntimeEpisode.episodes(from: changes.reversed())
        #expect(episodes == [DowntimeEpisode(start: at(10), end: at(25)), DowntimeEpisode(start: at(50), end: nil)])
        #expect(episodes[0].duration(now: at(100)) == 15 * 60)
        #expect(episodes[1].duration(now: at(60)) == 10 * 60)
        #expect(DowntimeEpisode.totalDowntime(episodes, from: at(20), to: at(55)) == 10 * 60)
        #expect(DowntimeEpisode.episodes(from: [MonitorStateChange(from: .pending, to: .down, at: at(0)),
                                                MonitorStateChange(from: .down, to: .down, at: at(1))])
                == [DowntimeEpisode(start: at(0), end: nil)])
    }
}
