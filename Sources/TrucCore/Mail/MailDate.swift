import Foundation

/// RFC 5322 §3.3 date-time text in UTC, independent of locale and time zone settings.
public enum MailDate {
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Tue, 04 Mar 2025 08:05:09 +0000" (seconds truncated, proleptic Gregorian calendar).
    public static func rfc5322(_ date: Date) -> String {
        let parts = date.civilParts(offsetSeconds: 0)
        // 1970-01-01 was a Thursday, the first of `dayNames`.
        let weekday = date.unixSeconds.floorDiv(86_400).floorMod(7)
        return "\(dayNames[weekday]), \(parts.day.zeroPadded(2)) \(monthNames[parts.month - 1]) \(parts.year) "
            + "\(parts.hour.zeroPadded(2)):\(parts.minute.zeroPadded(2)):\(parts.second.zeroPadded(2)) +0000"
    }
}
