import Foundation

extension VNDateFormat {
    /// The fields of a parsed date-time text, before resolving it to an instant.
    struct Parsed: Equatable {
        var day: LocalDay
        /// Seconds after midnight; nil when the text had no time of day.
        var secondOfDay: Int?
        var fraction: Double = 0
        /// Offset from UTC written in the text; nil for local wall-clock time.
        var offsetSeconds: Int?

        var hasTime: Bool { secondOfDay != nil }

        init?(_ text: String) {
            let scanner = TextCursor(text.trimmingCharacters(in: .whitespacesAndNewlines))
            for rule in [Self.dayFirst, Self.iso] {
                var cursor = scanner
                if let parsed = rule(&cursor), cursor.isAtEnd {
                    self = parsed
                    return
                }
            }
            return nil
        }

        private init(day: LocalDay, secondOfDay: Int?, fraction: Double = 0, offsetSeconds: Int? = nil) {
            self.day = day
            self.secondOfDay = secondOfDay
            self.fraction = fraction
            self.offsetSeconds = offsetSeconds
        }

        func date(in timeZone: TimeZone) -> Date {
            let second = secondOfDay ?? 0
            if let offset = offsetSeconds {
                let utc = day.daysSince1970 * 86_400 + second - offset
                return Date(timeIntervalSince1970: TimeInterval(utc) + fraction)
            }
            let minute = day.date(atMinute: second / 60, in: timeZone)
            return minute.addingTimeInterval(TimeInterval(second % 60) + fraction)
        }

        /// d/M/yyyy [HH:mm[:ss]]
        private static func dayFirst(_ s: inout TextCursor) -> Parsed? {
            guard let d = s.number(digits: 1...2), let separator = s.next(in: "/-."),
                  let m = s.number(digits: 1...2), s.next(in: String(separator)) != nil,
                  let y = s.number(digits: 4...4)
            else { return nil }
            let day = LocalDay(year: y, month: m, day: d)
            guard day.isValid else { return nil }
            if s.isAtEnd { return Parsed(day: day, secondOfDay: nil) }
            guard s.skipSpaces() || s.next(in: "Tt") != nil, let time = s.time() else { return nil }
            return Parsed(day: day, secondOfDay: time)
        }

        /// yyyy-MM-dd[THH:mm[:ss[.fff]][Z|±hh[:mm]]]
        private static func iso(_ s: inout TextCursor) -> Parsed? {
            guard let y = s.number(digits: 4...4), s.next(in: "-") != nil, let m = s.number(digits: 2...2),
                  s.next(in: "-") != nil, let d = s.number(digits: 2...2)
            else { return nil }
            let day = LocalDay(year: y, month: m, day: d)
            guard day.isValid else { return nil }
            if s.isAtEnd { return Parsed(day: day, secondOfDay: nil) }
            guard s.next(in: "Tt") != nil || s.skipSpaces(), let time = s.time() else { return nil }
            var fraction = 0.0
            if s.next(in: ".,") != nil {
                guard let digits = s.digits(1...9) else { return nil }
                fraction = Double("0." + digits) ?? 0
            }
            var offset: Int?
            if s.next(in: "Zz") != nil {
                offset = 0
            } else if let sign = s.next(in: "+-") {
                guard let hours = s.fixed(2) else { return nil }
                let colon = s.next(in: ":") != nil
                let minutes = colon ? s.fixed(2) : (s.isAtEnd ? 0 : s.fixed(2))
                guard let minutes else { return nil }
                guard hours <= 18, minutes < 60 else { return nil }
                offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
            return Parsed(day: day, secondOfDay: time, fraction: fraction, offsetSeconds: offset)
        }
    }

    /// A minimal cursor over the UTF-8 bytes of a text.
    struct TextCursor {
        private let bytes: [UInt8]
        private var index = 0

        init(_ text: String) {
            bytes = Array(text.utf8)
        }

        var isAtEnd: Bool { index == bytes.count }

        /// Consumes one character if it is one of `allowed`.
        mutating func next(in allowed: String) -> Character? {
            guard index < bytes.count, allowed.utf8.contains(bytes[index]) else { return nil }
            defer { index += 1 }
            return Character(Unicode.Scalar(bytes[index]))
        }

        /// Consumes one or more spaces.
        mutating func skipSpaces() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index > start
        }

        /// Consumes a run of ASCII digits whose length is within `count`.
        mutating func digits(_ count: ClosedRange<Int>) -> String? {
            let start = index
            while index < bytes.count, index - start < count.upperBound, (48...57).contains(bytes[index]) { index += 1 }
            let moreDigits = index < bytes.count && (48...57).contains(bytes[index])
            if moreDigits || !count.contains(index - start) {
                index = start
                return nil
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// Consumes exactly `count` digits, whatever follows.
        mutating func fixed(_ count: Int) -> Int? {
            guard index + count <= bytes.count, bytes[index..<index + count].allSatisfy({ (48...57).contains($0) })
            else { return nil }
            defer { index += count }
            return Int(String(decoding: bytes[index..<index + count], as: UTF8.self))
        }

        mutating func number(digits count: ClosedRange<Int>) -> Int? {
            digits(count).flatMap { Int($0) }
        }

        /// H[H]:mm[:ss] as seconds after midnight; rejects 24:00 and other impossible times.
        mutating func time() -> Int? {
            guard let h = number(digits: 1...2), next(in: ":") != nil, let m = number(digits: 2...2),
                  h < 24, m < 60
            else { return nil }
            var second = 0
            if next(in: ":") != nil {
                guard let sec = number(digits: 2...2), sec < 60 else { return nil }
                second = sec
            }
            return h * 3600 + m * 60 + second
        }
    }
}
