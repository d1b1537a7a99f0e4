import Foundation

/// How long an alert may stay unacknowledged before it escalates to the next `AlertStage`.
public struct EscalationPolicy: Sendable, Codable, Equatable {
    /// The allowed delay in minutes: 1 minute to 24 hours.
    public static let delayRange: ClosedRange<Int> = 1...1_440
    /// 15 minutes.
    public static let `default` = EscalationPolicy(delayMinutes: 15)

    /// Minutes before escalation, 1…1440 when validated.
    public var delayMinutes: Int

    public init(delayMinutes: Int = 15) {
        self.delayMinutes = delayMinutes
    }

    /// A policy with a checked delay (field "delayMinutes").
    public init(validating delayMinutes: Int) throws(MonitorValidationError) {
        try Self.validate(delayMinutes: delayMinutes)
        self.init(delayMinutes: delayMinutes)
    }

    /// Throws when the delay is outside 1…1440 minutes.
    public static func validate(delayMinutes: Int) throws(MonitorValidationError) {
        guard delayRange.contains(delayMinutes) else {
            throw MonitorValidationError(field: "delayMinutes",
                                         vietnamese: "Thời gian chờ trước khi chuyển cấp phải từ 1 phút đến 24 giờ.",
                                         english: "The escalation delay must be between 1 minute and 24 hours.")
        }
    }

    /// When an alert raised at `raisedAt` and still unacknowledged escalates.
    public func escalationDue(raisedAt: Date) -> Date {
        raisedAt.addingTimeInterval(TimeInterval(delayMinutes) * 60)
    }
}
