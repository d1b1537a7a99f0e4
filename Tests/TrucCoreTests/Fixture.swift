import Foundation

/// Shared fixtures for the TrucCore tests.
enum Fixture {
    static let hcm = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let utc = TimeZone(identifier: "UTC")!

    /// An instant given as wall-clock time in `tz`, computed independently of TrucCore.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
                     in tz: TimeZone = hcm) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!
    }

    /// An instant given in UTC.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        date(year, month, day, hour, minute, second, in: utc)
    }
}
