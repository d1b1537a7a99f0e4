import Foundation
import Testing
import TrucCore

@Suite struct VNDateFormatTests {
    let tz = Fixture.hcm

    @Test func formats() {
        let date = Fixture.utc(2023, 4, 30, 0, 0, 59)
        #expect(VNDateFormat.format(date, timeZone: tz) == "30/04/2023 07:00")
        #expect(VNDateFormat.formatDay(date, timeZone: tz) == "30/04/2023")
        #expect(VNDateFormat.datetimeLocal(date, timeZone: tz) == "2023-04-30T07:00")
        #expect(VNDateFormat.format(date, timeZone: Fixture.utc) == "30/04/2023 00:00")
        // Late UTC evening is already the next day in Vietnam.
        let evening = Fixture.utc(2023, 4, 30, 17, 5)
        #expect(VNDateFormat.format(evening, timeZone: tz) == "01/05/2023 00:05")
        #expect(VNDateFormat.formatDay(LocalDay(year: 2023, month: 5, day: 1)) == "01/05/2023")
        // Before 1970, floor rather than truncate.
        #expect(VNDateFormat.format(Fixture.utc(1969, 12, 31, 23, 59, 30), timeZone: Fixture.utc) == "31/12/1969 23:59")
    }

    @Test(arguments: [
        ("30/04/2023 07:00", Fixture.utc(2023, 4, 30, 0)),
        ("30/04/2023 07:00:30", Fixture.utc(2023, 4, 30, 0, 0, 30)),
        ("  1/5/2023 7:05 ", Fixture.utc(2023, 5, 1, 0, 5)),
        ("30-04-2023 07:00", Fixture.utc(2023, 4, 30, 0)),
        ("30.04.2023", Fixture.utc(2023, 4, 29, 17)),
        ("30/04/2023", Fixture.utc(2023, 4, 29, 17)),
        ("2023-04-30T07:00", Fixture.utc(2023, 4, 30, 0)),
        ("2023-04-30 07:00:15", Fixture.utc(2023, 4, 30, 0, 0, 15)),
        ("2023-04-30", Fixture.utc(2023, 4, 29, 17)),
        ("2023-04-30T07:00:00+07:00", Fixture.utc(2023, 4, 30, 0)),
        ("2023-04-30T07:00:00+0700", Fixture.utc(2023, 4, 30, 0)),
        ("2023-04-30T07:00+07", Fixture.utc(2023, 4, 30, 0)),
        ("2023-04-30T00:00:00Z", Fixture.utc(2023, 4, 30, 0)),
        ("2023-04-30T03:30:00-03:30", Fixture.utc(2023, 4, 30, 7)),
        ("2024-02-29T23:59:59.5Z", Fixture.utc(2024, 2, 29, 23, 59, 59).addingTimeInterval(0.5)),
        ("29/02/2024 00:00", Fixture.utc(2024, 2, 28, 17)),
    ])
    func parsesAcceptedFormats(text: String, expected: Date) {
        #expect(VNDateFormat.parse(text, timeZone: tz) == expected)
    }

    @Test(arguments: [
        "", "   ", "31/02/2023", "29/02/2023", "30/04/2023 24:00", "30/04/2023 07:60", "30/04/2023 07:00:60",
        "32/01/2023", "00/01/2023", "15/13/2023", "30/04/23", "30/04-2023", "30/04/2023 7", "30/04/2023 07:0",
        "2023-4-30", "2023-04-31T07:00", "2023-04-30T25:00Z", "2023-04-30T07:00+7", "2023-04-30T07:00:00+07:00 x",
        "2023-04-30X07:00", "hôm nay", "30/04/2023 07:00 SA", "123/04/2023", "30/04/20233",
    ])
    func rejectsInvalidText(text: String) {
        #expect(VNDateFormat.parse(text, timeZone: tz) == nil)
    }

    @Test func roundTripsThroughFormats() {
        var rng = SplitMix64(seed: 7)
        let zones = [tz, Fixture.berlin, TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!, TimeZone(secondsFromGMT: 14 * 3600)!]
        for _ in 0..<500 {
            let zone = zones.randomElement(using: &rng)!
            let minute = Int.random(in: 20_000_000...30_000_000, using: &rng)
            let date = Date(timeIntervalSince1970: TimeInterval(minute * 60))
            // Berlin's repeated autumn hour cannot round-trip through wall-clock text; skip it.
            let text = VNDateFormat.format(date, timeZone: zone)
            let local = VNDateFormat.datetimeLocal(date, timeZone: zone)
            if zone.isDaylightSavingTime(for: date) != zone.isDaylightSavingTime(for: date.addingTimeInterval(3600)) {
                continue
            }
            #expect(VNDateFormat.parse(text, timeZone: zone) == date, "\(text) in \(zone.identifier)")
            #expect(VNDateFormat.parse(local, timeZone: zone) == date, "\(local) in \(zone.identifier)")
        }
    }

    @Test func matchesFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &rng)))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = String(format: "%02d/%02d/%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
            #expect(VNDateFormat.format(date, timeZone: tz) == expected)
        }
    }

    @Test func springForwardGapMovesForward() {
        // 02:30 does not exist in Berlin on 26/3/2023; it is read as 03:30 CEST.
        #expect(VNDateFormat.parse("26/03/2023 02:30", timeZone: Fixture.berlin) == Fixture.utc(2023, 3, 26, 1, 30))
    }
}
