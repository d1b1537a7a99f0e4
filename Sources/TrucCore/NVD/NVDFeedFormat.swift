import Foundation

/// The shape of an NVD file, as `NVDFeedReader` detected it.
public enum NVDFeedFormat: String, Sendable, Codable {
    /// The legacy yearly/modified data feeds: `{"CVE_Items": [{"cve": {"CVE_data_meta": …}, …}]}`.
    case nvd11 = "NVD JSON 1.1"
    /// The CVE API 2.0 (and the 2.0 feeds): `{"vulnerabilities": [{"cve": {"id": …}}]}`, or one record.
    case nvd20 = "NVD API 2.0"
}

extension NVDFeedFormat {
    /// Parses the timestamps of the vulnerability feeds without a `DateFormatter`: `2017-03-14T22:59Z` (NVD 1.1),
    /// `2024-04-12T08:15:06.230` (NVD 2.0, no zone = UTC), `2025-08-25T17:04:19.9796Z` (KEV),
    /// `2023-04-20T19:52:36.662083Z` or `…+07:00` (CSAF), and a bare day `2021-12-10` (midnight UTC).
    /// A space may stand for the `T`; seconds and fractions are optional. `nil` for anything else.
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var i = 0
            let n = bytes.count
            func number(_ digits: Int) -> Int? {
                guard i + digits <= n else { return nil }
                var value = 0
                for _ in 0..<digits {
                    let digit = Int(bytes[i]) - 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                    i += 1
                }
                return value
            }
            func skip(_ byte: UInt8) -> Bool {
                guard i < n, bytes[i] == byte else { return false }
                i += 1
                return true
            }
            guard let year = number(4), skip(UInt8(ascii: "-")), let month = number(2), skip(UInt8(ascii: "-")),
                  let day = number(2)
            else { return nil }
            let calendarDay = LocalDay(year: year, month: month, day: day)
            guard calendarDay.isValid else { return nil }
            var seconds = Double(calendarDay.daysSince1970 * 86_400)
            if i == n { return Date(timeIntervalSince1970: seconds) }
            guard skip(UInt8(ascii: "T")) || skip(UInt8(ascii: " ")) || skip(UInt8(ascii: "t")),
                  let hour = number(2), hour < 24, skip(UInt8(ascii: ":")), let minute = number(2), minute < 60
            else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if skip(UInt8(ascii: ":")) {
                guard let second = number(2), second <= 60 else { return nil }
                seconds += Double(second)
                if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                    // Up to nanoseconds; further digits are read and ignored.
                    var fraction = 0, divisor = 1, digits = 0
                    while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                        if digits < 9 {
                            fraction = fraction * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                            divisor *= 10
                        }
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else { return nil }
                    seconds += Double(fraction) / Double(divisor)
                }
            }
            if i == n || skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) {
                return i == n ? Date(timeIntervalSince1970: seconds) : nil
            }
            let sign: Double
            if skip(UInt8(ascii: "+")) {
                sign = 1
            } else if skip(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHours = number(2) else { return nil }
            _ = skip(UInt8(ascii: ":"))
            let offsetMinutes = i == n ? 0 : number(2)
            guard let offsetMinutes, i == n, offsetHours < 24, offsetMinutes < 60 else { return nil }
            return Date(timeIntervalSince1970: seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60))
        }
    }
}
