import Foundation

/// The availability of one local day (see `UptimeMath.dailyUptime(rollups:days:endingAt:timeZone:)`).
public struct DailyUptime: Sendable, Equatable {
    /// Start (00:00) of the day in the time zone asked for.
    public var day: Date
    /// Percentage of available checks, nil when the day had no check.
    public var percent: Double?

    public init(day: Date, percent: Double?) {
        self.day = day
        self.percent = percent
    }
}
