import Foundation

/// Where the NVD sync stands, stored with the source and committed in the same transaction as each page's records,
/// so that after a crash or restart the sync resumes at the next page: nothing lost, nothing applied twice.
///
/// The first load reads every CVE by `startIndex` pages. Then only changes are read, by windows of
/// `lastModStartDate`/`lastModEndDate` of at most `maxWindow` (NVD's limit: 120 days), from the instant the previous
/// load or window ended, each window itself read by `startIndex` pages.
public struct NVDSyncCursor: Codable, Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        case initial, incremental
    }

    public static let pageSize = 2000
    /// NVD's longest `lastModStartDate`…`lastModEndDate` range.
    public static let maxWindow: TimeInterval = 120 * 86400

    public var phase: Phase
    /// Initial phase: when the load began (changes after it are read by the first window). Incremental phase: the
    /// start of the current window.
    public var windowStart: Date?
    /// Incremental phase: the end of the current window, fixed when its first page is asked.
    public var windowEnd: Date?
    /// The next `startIndex` in the current load or window.
    public var startIndex: Int
    /// When pages were applied whose changed CVEs are not rematched yet: the run start of the first of them.
    public var rematchSince: Date?

    public init(phase: Phase = .initial, windowStart: Date? = nil, windowEnd: Date? = nil, startIndex: Int = 0,
                rematchSince: Date? = nil) {
        self.phase = phase
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.startIndex = startIndex
        self.rematchSince = rematchSince
    }

    /// A cursor that reads only changes since `since` (no first load).
    public static func changes(since: Date) -> NVDSyncCursor {
        NVDSyncCursor(phase: .incremental, windowStart: since)
    }

    /// The next page to ask in a run that started at `runStart`, or nil when the knowledge base is caught up to
    /// `runStart`. Fixes the load's start or the window's end the first time it is needed.
    public mutating func nextRequest(runStart: Date) -> NVDPageRequest? {
        switch phase {
        case .initial:
            if windowStart == nil { windowStart = Self.milliseconds(runStart) }
            return NVDPageRequest(startIndex: startIndex, resultsPerPage: Self.pageSize, window: nil)
        case .incremental:
            let start = windowStart ?? Self.milliseconds(runStart)
            windowStart = start
            // Whole milliseconds, as sent: the next window starts exactly where this one ended.
            let end = windowEnd ?? Self.milliseconds(min(start.addingTimeInterval(Self.maxWindow), runStart))
            guard start < end else { return nil }
            windowEnd = end
            return NVDPageRequest(startIndex: startIndex, resultsPerPage: Self.pageSize, window: start...end)
        }
    }

    static func milliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// Moves past a page that gave `resultsInPage` records of `totalResults`.
    public mutating func advance(resultsInPage: Int, totalResults: Int) {
        let next = startIndex + resultsInPage
        guard resultsInPage == 0 || next >= totalResults else {
            startIndex = next
            return
        }
        // The load or the window is complete.
        switch phase {
        case .initial:
            phase = .incremental
        case .incremental:
            windowStart = windowEnd ?? windowStart
        }
        windowEnd = nil
        startIndex = 0
    }

    /// A short account for the sources page: "first load from record 4000", "changes since 2026-01-01 …".
    public var summary: String {
        switch phase {
        case .initial:
            "first load, next record \(startIndex)"
        case .incremental:
            "changes since \(windowStart.map(NVDPageRequest.format) ?? "—")" + (startIndex > 0 ? ", next record \(startIndex)" : "")
        }
    }
}

/// One NVD CVE API 2.0 request.
public struct NVDPageRequest: Sendable, Equatable {
    public var startIndex: Int
    public var resultsPerPage: Int
    /// `lastModStartDate`…`lastModEndDate`, for changes only.
    public var window: ClosedRange<Date>?

    public init(startIndex: Int, resultsPerPage: Int, window: ClosedRange<Date>?) {
        self.startIndex = startIndex
        self.resultsPerPage = resultsPerPage
        self.window = window
    }

    /// The query parameters, in NVD's documented date form (`2021-08-04T13:00:00.000+00:00`).
    public var queryItems: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if let window {
            items.append(URLQueryItem(name: "lastModStartDate", value: Self.format(window.lowerBound)))
            items.append(URLQueryItem(name: "lastModEndDate", value: Self.format(window.upperBound)))
        }
        items.append(URLQueryItem(name: "resultsPerPage", value: String(resultsPerPage)))
        items.append(URLQueryItem(name: "startIndex", value: String(startIndex)))
        return items
    }

    /// `base` with the query parameters (any query `base` has is kept first). `+` is percent-encoded.
    public func url(base: URL) -> URL? {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: true) else { return nil }
        components.queryItems = (components.queryItems ?? []) + queryItems
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url
    }

    /// "2021-08-04T13:00:00.000+00:00" (UTC).
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Rounded to the nearest millisecond first: `nanosecond` of 0.977 s can read 976_999_999.
        let totalMillis = (date.timeIntervalSince1970 * 1000).rounded()
        let millis = Int(totalMillis.truncatingRemainder(dividingBy: 1000) + 1000) % 1000
        let whole = Date(timeIntervalSince1970: ((totalMillis - Double(millis)) / 1000).rounded())
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d+00:00", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0, millis)
    }

    /// Parses the form `format` writes (and "…Z"); nil otherwise.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
