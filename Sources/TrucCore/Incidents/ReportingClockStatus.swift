import Foundation

/// Where an incident stands against the 5-day deadline of its initial report (`ReportingClock`). Durations are in
/// seconds; the texts round them down to whole minutes and show at most two units ("2 ngày 3 giờ", "5 giờ 12 phút",
/// "40 phút").
public enum ReportingClockStatus: Sendable, Hashable {
    /// Not reported, 24 hours or more left.
    case onTime(remaining: TimeInterval)
    /// Not reported, less than 24 hours left.
    case dueSoon(remaining: TimeInterval)
    /// Not reported and the deadline has passed.
    case overdue(by: TimeInterval)
    /// Reported by the deadline.
    case reportedOnTime
    /// Reported after the deadline.
    case reportedLate(by: TimeInterval)

    /// Whether someone must act now: due soon or overdue.
    public var needsAttention: Bool {
        switch self {
        case .dueSoon, .overdue: true
        case .onTime, .reportedOnTime, .reportedLate: false
        }
    }

    /// "Còn 2 ngày 3 giờ để báo cáo ban đầu", "Quá hạn báo cáo 1 ngày 4 giờ", "Đã báo cáo ban đầu đúng hạn",
    /// "Đã báo cáo ban đầu trễ 3 giờ".
    public var vietnamese: String {
        switch self {
        case .onTime(let remaining), .dueSoon(let remaining):
            "Còn \(Self.vietnameseDuration(remaining)) để báo cáo ban đầu"
        case .overdue(let by): "Quá hạn báo cáo \(Self.vietnameseDuration(by))"
        case .reportedOnTime: "Đã báo cáo ban đầu đúng hạn"
        case .reportedLate(let by): "Đã báo cáo ban đầu trễ \(Self.vietnameseDuration(by))"
        }
    }

    /// "2 days 3 hours left to send the initial report", "Initial report overdue by 1 day 4 hours", "Initial report
    /// sent on time", "Initial report sent 3 hours late".
    public var english: String {
        switch self {
        case .onTime(let remaining), .dueSoon(let remaining):
            IncidentFormValidator.capitalized(Self.englishDuration(remaining)) + " left to send the initial report"
        case .overdue(let by): "Initial report overdue by \(Self.englishDuration(by))"
        case .reportedOnTime: "Initial report sent on time"
        case .reportedLate(let by): "Initial report sent \(Self.englishDuration(by)) late"
        }
    }

    /// Days, hours and minutes of a duration, rounded down to the minute.
    private static func parts(_ seconds: TimeInterval) -> (days: Int, hours: Int, minutes: Int) {
        let minutes = seconds.isFinite && seconds > 0 ? Int(min(seconds, 1e15) / 60) : 0
        return (minutes / 1440, minutes % 1440 / 60, minutes % 60)
    }

    /// "2 ngày 3 giờ", "1 ngày", "5 giờ 12 phút", "40 phút", "dưới 1 phút".
    static func vietnameseDuration(_ seconds: TimeInterval) -> String {
        let (d, h, m) = parts(seconds)
        if d > 0 { return h > 0 ? "\(d) ngày \(h) giờ" : "\(d) ngày" }
        if h > 0 { return m > 0 ? "\(h) giờ \(m) phút" : "\(h) giờ" }
        return m > 0 ? "\(m) phút" : "dưới 1 phút"
    }

    /// "2 days 3 hours", "1 day", "5 hours 12 minutes", "1 minute", "less than a minute".
    static func englishDuration(_ seconds: TimeInterval) -> String {
        func unit(_ n: Int, _ name: String) -> String { n == 1 ? "1 \(name)" : "\(n) \(name)s" }
        let (d, h, m) = parts(seconds)
        if d > 0 { return h > 0 ? "\(unit(d, "day")) \(unit(h, "hour"))" : unit(d, "day") }
        if h > 0 { return m > 0 ? "\(unit(h, "hour")) \(unit(m, "minute"))" : unit(h, "hour") }
        return m > 0 ? unit(m, "minute") : "less than a minute"
    }
}
