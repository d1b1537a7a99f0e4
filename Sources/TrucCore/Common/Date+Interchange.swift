import Foundation

extension Date {
    /// The RFC 3339 UTC text with exactly three fractional digits that STIX 2.1 uses for `created`, `modified` and
    /// the other timestamps: "2026-11-24T03:00:00.000Z". Sub-millisecond parts are dropped (rounded down), so that
    /// the text never names a later instant than the date.
    public var stixTimestamp: String {
        let parts = civilParts(offsetSeconds: 0)
        return "\(parts.year.zeroPadded(4))-\(parts.month.zeroPadded(2))-\(parts.day.zeroPadded(2))T"
            + "\(parts.hour.zeroPadded(2)):\(parts.minute.zeroPadded(2)):\(parts.second.zeroPadded(2))."
            + "\(parts.millisecond.zeroPadded(3))Z"
    }

    /// The calendar day "YYYY-MM-DD" of the date at the fixed UTC offset `offsetSeconds` (25 200 for Vietnam).
    public func calendarDay(offsetSeconds: Int) -> String {
        let parts = civilParts(offsetSeconds: offsetSeconds)
        return "\(parts.year.zeroPadded(4))-\(parts.month.zeroPadded(2))-\(parts.day.zeroPadded(2))"
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    public var unixSeconds: Int {
        Int((timeIntervalSince1970 * 1_000_000).rounded()).floorDiv(1_000_000)
    }

    /// Proleptic Gregorian date and time at a fixed offset from UTC, computed with integer arithmetic only
    /// (H. Hinnant's days-to-civil algorithm), so that no time-zone database or locale is involved.
    func civilParts(offsetSeconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                                             millisecond: Int) {
        // A `Date` counts from 2001 in a `Double`, so an instant written with milliseconds can come back a hair
        // early (…122.99999 for .123): round to the microsecond first, then drop the sub-millisecond part.
        let microseconds = Int((timeIntervalSince1970 * 1_000_000).rounded())
        let totalMilliseconds = microseconds.floorDiv(1000) + offsetSeconds * 1000
        let days = totalMilliseconds.floorDiv(86_400_000)
        let millisecondOfDay = totalMilliseconds.floorMod(86_400_000)
        let shifted = days + 719_468
        let era = shifted.floorDiv(146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day,
                millisecondOfDay / 3_600_000, millisecondOfDay / 60_000 % 60, millisecondOfDay / 1000 % 60,
                millisecondOfDay % 1000)
    }
}
