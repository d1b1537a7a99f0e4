import Foundation

/// Vietnamese display format ("30/04/2023 07:00") and lenient parsing of user-entered times.
///
/// Pure arithmetic on the proleptic Gregorian calendar: no `DateFormatter`, no locale dependence.
public enum VNDateFormat {
    /// "dd/MM/yyyy HH:mm", e.g. "30/04/2023 07:00". Seconds are truncated.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let (day, second) = localParts(date, timeZone)
        return dayString(day) + " " + (second / 3600).zeroPadded(2) + ":" + (second / 60 % 60).zeroPadded(2)
    }

    /// "dd/MM/yyyy", e.g. "30/04/2023".
    public static func formatDay(_ date: Date, timeZone: TimeZone) -> String {
        dayString(LocalDay(date, in: timeZone))
    }

    /// "dd/MM/yyyy" for a day, e.g. "30/04/2023".
    public static func formatDay(_ day: LocalDay) -> String {
        dayString(day)
    }

    /// "yyyy-MM-ddTHH:mm", the value format of `<input type="datetime-local">`.
    public static func datetimeLocal(_ date: Date, timeZone: TimeZone) -> String {
        let (day, second) = localParts(date, timeZone)
        return day.description + "T" + (second / 3600).zeroPadded(2) + ":" + (second / 60 % 60).zeroPadded(2)
    }

    /// Accepts "dd/MM/yyyy HH:mm[:ss]", "dd/MM/yyyy" (midnight), "yyyy-MM-ddTHH:mm[:ss]" (datetime-local),
    /// "yyyy-MM-dd" (midnight) — all local in `timeZone` — and ISO 8601 with "Z" or an offset
    /// ("2023-04-30T07:00:00+07:00", "+0700", "+07"). Day and month may have one digit, "-" or "." may replace "/".
    /// Rejects impossible dates and times (31/02/2023, 24:00).
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        Parsed(text)?.date(in: timeZone)
    }

    private static func dayString(_ day: LocalDay) -> String {
        day.day.zeroPadded(2) + "/" + day.month.zeroPadded(2) + "/" + day.year.zeroPadded(4)
    }

    /// The local day and the second of that day.
    private static func localParts(_ date: Date, _ timeZone: TimeZone) -> (LocalDay, Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        return (LocalDay(daysSince1970: local.floorDiv(86_400)), local.floorMod(86_400))
    }
}
