import Foundation

/// A calendar day (proleptic Gregorian) as seen in some time zone, e.g. 30/04/2023 in Asia/Ho_Chi_Minh.
///
/// Encodes as the ISO string "2023-04-30". Conversions to instants assume dates after the 1582 Gregorian reform.
public struct LocalDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Components are stored as given; use `isValid` or `init?(iso:)` to reject e.g. 31/02.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day containing `date` in `tz`.
    public init(_ date: Date, in tz: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + tz.secondsFromGMT(for: date)
        self.init(daysSince1970: local.floorDiv(86_400))
    }

    /// The day `days` after 1970-01-01 (negative: before).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Days since 1970-01-01; out-of-range days or months roll over (31/02 counts as 03/03).
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil, with the month normalised first.
        let y0 = year + (month - 1).floorDiv(12)
        let m = (month - 1).floorMod(12) + 1
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whether month and day name a real date (no 31/02, no 29/02/2023).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= LocalDay.daysIn(month: month, year: year)
    }

    /// Number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week, 1 = Monday ... 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday.
        (daysSince1970 + 3).floorMod(7) + 1
    }

    /// Local midnight, or the first instant of the day if midnight is skipped by a DST change.
    public func start(in tz: TimeZone) -> Date {
        date(atMinute: 0, in: tz)
    }

    /// The instant at wall-clock time `minute` after this day's midnight (1440 or more reaches into later days).
    /// Wall-clock times skipped by a DST change move forward; repeated ones take the earlier instant.
    public func date(atMinute minute: Int, in tz: TimeZone) -> Date {
        date(atMinute: minute, calendar: .gregorian(in: tz))
    }

    func date(atMinute minute: Int, calendar: Calendar) -> Date {
        let day = adding(days: minute.floorDiv(1440))
        let minuteOfDay = minute.floorMod(1440)
        let components = DateComponents(
            year: day.year, month: day.month, day: day.day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
        guard let date = calendar.date(from: components) else {
            // Not expected for real dates; fall back to the zone's current offset.
            let seconds = (day.daysSince1970 * 1440 + minuteOfDay) * 60
            return Date(timeIntervalSince1970: TimeInterval(seconds - calendar.timeZone.secondsFromGMT()))
        }
        return date
    }

    public func adding(days: Int) -> LocalDay {
        LocalDay(daysSince1970: daysSince1970 + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDay) -> Int {
        other.daysSince1970 - daysSince1970
    }

    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// "2023-04-30".
    public var description: String {
        let sign = year < 0 ? "-" : ""
        return sign + abs(year).zeroPadded(4) + "-" + month.zeroPadded(2) + "-" + day.zeroPadded(2)
    }

    /// Parses "2023-04-30" (exactly yyyy-MM-dd); rejects impossible dates.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = LocalDay(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected yyyy-MM-dd, got \"\(text)\"")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
