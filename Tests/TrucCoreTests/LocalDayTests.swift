import Foundation
import Testing
import TrucCore

@Suite struct LocalDayTests {
    let hcm = Fixture.hcm

    @Test func dayOfAnInstantDependsOnTheZone() {
        let instant = Fixture.utc(2023, 4, 30, 18) // 01:00 on 1/5 in Vietnam
        #expect(LocalDay(instant, in: hcm) == LocalDay(year: 2023, month: 5, day: 1))
        #expect(LocalDay(instant, in: Fixture.utc) == LocalDay(year: 2023, month: 4, day: 30))
        #expect(LocalDay(instant, in: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!) == LocalDay(year: 2023, month: 4, day: 30))
        #expect(LocalDay(Fixture.utc(2023, 4, 30, 10), in: TimeZone(secondsFromGMT: 14 * 3600)!)
            == LocalDay(year: 2023, month: 5, day: 1))
    }

    @Test func startIsLocalMidnight() {
        let day = LocalDay(year: 2023, month: 4, day: 30)
        #expect(day.start(in: hcm) == Fixture.utc(2023, 4, 29, 17))
        #expect(day.start(in: Fixture.utc) == Fixture.utc(2023, 4, 30))
        #expect(LocalDay(year: 2023, month: 3, day: 27).start(in: Fixture.berlin) == Fixture.utc(2023, 3, 26, 22))
        #expect(LocalDay(year: 2023, month: 3, day: 26).start(in: Fixture.berlin) == Fixture.utc(2023, 3, 25, 23))
    }

    @Test func startWhenMidnightIsSkipped() {
        // Sao Paulo moved clocks from 00:00 to 01:00 on 4/11/2018: the day starts at 01:00 (-02:00).
        let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
        #expect(LocalDay(year: 2018, month: 11, day: 4).start(in: saoPaulo) == Fixture.utc(2018, 11, 4, 3))
    }

    @Test func dateAtMinute() {
        let day = LocalDay(year: 2023, month: 4, day: 30)
        #expect(day.date(atMinute: 19 * 60, in: hcm) == Fixture.utc(2023, 4, 30, 12))
        #expect(day.date(atMinute: 1440 + 7 * 60, in: hcm) == Fixture.utc(2023, 5, 1, 0))
        #expect(day.date(atMinute: -60, in: hcm) == Fixture.utc(2023, 4, 29, 16))
    }

    @Test func adding() {
        let day = LocalDay(year: 2023, month: 4, day: 30)
        #expect(day.adding(days: 1) == LocalDay(year: 2023, month: 5, day: 1))
        #expect(day.adding(days: -30) == LocalDay(year: 2023, month: 3, day: 31))
        #expect(day.adding(days: 246) == LocalDay(year: 2024, month: 1, day: 1))
        #expect(LocalDay(year: 2024, month: 2, day: 28).adding(days: 1) == LocalDay(year: 2024, month: 2, day: 29))
        #expect(LocalDay(year: 2100, month: 2, day: 28).adding(days: 1) == LocalDay(year: 2100, month: 3, day: 1))
        #expect(LocalDay(year: 2000, month: 2, day: 28).adding(days: 1) == LocalDay(year: 2000, month: 2, day: 29))
        #expect(day.days(to: LocalDay(year: 2023, month: 5, day: 3)) == 3)
        // Out-of-range components roll over.
        #expect(LocalDay(year: 2023, month: 2, day: 31).adding(days: 0) == LocalDay(year: 2023, month: 3, day: 3))
        #expect(LocalDay(year: 2023, month: 13, day: 1).adding(days: 0) == LocalDay(year: 2024, month: 1, day: 1))
    }

    @Test func civilArithmeticMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Fixture.utc
        // From 1614 on: Foundation switches to the Julian calendar before 1582.
        for days in stride(from: -130_000, through: 200_000, by: 997) {
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400))
            let day = LocalDay(daysSince1970: days)
            #expect(day == LocalDay(year: c.year!, month: c.month!, day: c.day!))
            #expect(day.daysSince1970 == days)
        }
        #expect(LocalDay(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(LocalDay(year: 2023, month: 4, day: 30).isoWeekday == 7) // a Sunday
    }

    @Test func ordering() {
        let days = [LocalDay(year: 2023, month: 5, day: 1), LocalDay(year: 2022, month: 12, day: 31),
                    LocalDay(year: 2023, month: 4, day: 30)]
        #expect(days.sorted().map(\.description) == ["2022-12-31", "2023-04-30", "2023-05-01"])
    }

    @Test func isoTextRoundTrip() throws {
        let day = LocalDay(year: 2023, month: 4, day: 30)
        #expect(day.description == "2023-04-30")
        #expect("\(LocalDay(year: 987, month: 1, day: 2))" == "0987-01-02")
        #expect(LocalDay(iso: "2023-04-30") == day)
        #expect(LocalDay(iso: "2024-02-29") != nil)
        for bad in ["2023-02-29", "2023-4-30", "2023-04-31", "2023-13-01", "23-04-30", "2023/04/30", "", "2023-04-30T00:00", "２０２３-04-30"] {
            #expect(LocalDay(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func codableAsISOString() throws {
        let day = LocalDay(year: 2023, month: 4, day: 30)
        let data = try JSONEncoder().encode(["day": day])
        #expect(String(decoding: data, as: UTF8.self) == #"{"day":"2023-04-30"}"#)
        #expect(try JSONDecoder().decode([String: LocalDay].self, from: data) == ["day": day])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDay].self, from: Data(#"["2023-02-30"]"#.utf8))
        }
    }

    @Test func validity() {
        #expect(LocalDay(year: 2023, month: 4, day: 30).isValid)
        #expect(!LocalDay(year: 2023, month: 2, day: 29).isValid)
        #expect(LocalDay(year: 2024, month: 2, day: 29).isValid)
        #expect(!LocalDay(year: 2023, month: 0, day: 1).isValid)
        #expect(!LocalDay(year: 2023, month: 1, day: 0).isValid)
    }
}
