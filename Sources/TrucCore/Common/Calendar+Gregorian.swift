import Foundation

extension Calendar {
    /// A Gregorian calendar in `timeZone` with the POSIX locale, for deterministic wall-clock arithmetic.
    static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }
}
