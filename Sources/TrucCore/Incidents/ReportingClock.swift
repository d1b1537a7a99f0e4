import Foundation

/// The deadline for the initial report (Mẫu 03): within 5 days of detecting the incident (Circular
/// 20/2017/TT-BTTTT).
///
/// The rule used: the deadline is exactly 5 × 24 hours after `detectedAt`, in calendar days — weekends and public
/// holidays count. This is deliberately strict: counting "5 days" the way the Civil Code counts periods (from the
/// next day, to the end of the fifth day, moved past a final holiday) never gives an earlier deadline, so a report
/// on time by this clock is on time by any reading, and the clock is the same in every time zone. A report sent at
/// the deadline itself is on time.
public enum ReportingClock {
    /// 5 days of 24 hours.
    public static let initialReportPeriod: TimeInterval = 5 * 86_400
    /// Less than this left and the report is "due soon": 24 hours.
    public static let dueSoonThreshold: TimeInterval = 86_400

    /// `detectedAt` + 5 × 24 h.
    public static func deadline(detectedAt: Date) -> Date {
        detectedAt.addingTimeInterval(initialReportPeriod)
    }

    /// The state of the clock at `now`:
    /// - reported (`reportedAt` given): `.reportedOnTime` when `reportedAt <= deadline`, otherwise
    ///   `.reportedLate(by: reportedAt − deadline)` (`now` does not matter);
    /// - not reported: `.overdue(by: now − deadline)` when `now > deadline`; `.dueSoon(remaining:)` when less
    ///   than 24 hours remain (down to 0 at the deadline itself); `.onTime(remaining:)` otherwise.
    public static func status(detectedAt: Date, reportedAt: Date?, now: Date) -> ReportingClockStatus {
        let deadline = deadline(detectedAt: detectedAt)
        if let reportedAt {
            return reportedAt <= deadline ? .reportedOnTime : .reportedLate(by: reportedAt.timeIntervalSince(deadline))
        }
        let remaining = deadline.timeIntervalSince(now)
        if remaining < 0 { return .overdue(by: -remaining) }
        return remaining < dueSoonThreshold ? .dueSoon(remaining: remaining) : .onTime(remaining: remaining)
    }
}
