import Foundation

/// An RFC 5545 calendar of events, e.g. a duty roster to subscribe to from a phone.
public struct ICalendar: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        /// Globally unique and stable across exports, e.g. "shift-<uuid>@truc-attt".
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var description: String?
        public var location: String?
        public var categories: [String]

        public init(uid: String, start: Date, end: Date, summary: String, description: String? = nil,
                    location: String? = nil, categories: [String] = []) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.categories = categories
        }
    }

    /// e.g. "-//Truc ATTT//Lich truc//VI".
    public var productID: String
    /// Shown by clients as the calendar's name (X-WR-CALNAME).
    public var name: String?
    public var events: [Event]

    public init(productID: String, name: String? = nil, events: [Event]) {
        self.productID = productID
        self.name = name
        self.events = events
    }

    /// The calendar as text with CRLF line endings and folded lines; times in UTC. `stamp` is every event's DTSTAMP.
    public func render(stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + ContentLine.escape(productID),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        if let name { lines.append("X-WR-CALNAME:" + ContentLine.escape(name)) }
        let dtstamp = Self.utcBasic(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + ContentLine.escape(event.uid),
                "DTSTAMP:" + dtstamp,
                "DTSTART:" + Self.utcBasic(event.start),
                "DTEND:" + Self.utcBasic(event.end),
                "SUMMARY:" + ContentLine.escape(event.summary),
            ]
            if let description = event.description { lines.append("DESCRIPTION:" + ContentLine.escape(description)) }
            if let location = event.location { lines.append("LOCATION:" + ContentLine.escape(location)) }
            if !event.categories.isEmpty {
                lines.append("CATEGORIES:" + event.categories.map(ContentLine.escape).joined(separator: ","))
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return ContentLine.render(lines)
    }

    /// UTC date-time in basic format, e.g. "20230430T010000Z"; fractions of a second are truncated.
    public static func utcBasic(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDay(daysSince1970: seconds.floorDiv(86_400))
        let second = seconds.floorMod(86_400)
        return day.year.zeroPadded(4) + day.month.zeroPadded(2) + day.day.zeroPadded(2) + "T"
            + (second / 3600).zeroPadded(2) + (second / 60 % 60).zeroPadded(2) + (second % 60).zeroPadded(2) + "Z"
    }
}
