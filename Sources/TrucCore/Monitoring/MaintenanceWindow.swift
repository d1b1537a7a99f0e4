import Foundation

/// A planned period during which a monitor's failures raise no alert (its checks still run and are recorded).
public struct MaintenanceWindow: Sendable, Equatable, Codable {
    /// The longest window: 31 days.
    public static let maxDuration: TimeInterval = 31 * 86_400
    /// The allowed number of characters of the reason (after trimming).
    public static let reasonLength: ClosedRange<Int> = 1...500

    public var start: Date
    public var end: Date
    public var reason: String

    public init(start: Date, end: Date, reason: String) {
        self.start = start
        self.end = end
        self.reason = reason
    }

    /// A validated window (see `validate(start:end:reason:now:)`), with the reason trimmed.
    public init(validatingStart start: Date, end: Date, reason: String, now: Date) throws(MonitorValidationError) {
        try Self.validate(start: start, end: end, reason: reason, now: now)
        self.init(start: start, end: end, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether `date` is in the window: from `start` (included) to `end` (excluded).
    public func isActive(at date: Date) -> Bool {
        start <= date && date < end
    }

    /// Throws every problem: the end must be after the start ("end"), the window at most 31 days long ("end"),
    /// the end in the future ("end"), the reason 1…500 characters after trimming ("reason").
    public static func validate(start: Date, end: Date, reason: String, now: Date) throws(MonitorValidationError) {
        var problems: [MonitorValidationError.Problem] = []
        if end <= start {
            problems.append(.init(field: "end", vietnamese: "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
                                  english: "The end must be after the start."))
        } else if end.timeIntervalSince(start) > maxDuration {
            problems.append(.init(field: "end", vietnamese: "Thời gian bảo trì dài tối đa 31 ngày.",
                                  english: "A maintenance window may last at most 31 days."))
        }
        if end <= now {
            problems.append(.init(field: "end", vietnamese: "Thời điểm kết thúc đã qua.",
                                  english: "The end is in the past."))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            problems.append(.init(field: "reason", vietnamese: "Chưa nhập lý do bảo trì.",
                                  english: "The reason for the maintenance is empty."))
        } else if trimmed.count > reasonLength.upperBound {
            problems.append(.init(field: "reason",
                                  vietnamese: "Lý do dài \(trimmed.count) ký tự; tối đa \(reasonLength.upperBound) ký tự.",
                                  english: "The reason is \(trimmed.count) characters long; at most \(reasonLength.upperBound) are allowed."))
        }
        if !problems.isEmpty { throw MonitorValidationError(problems: problems) }
    }
}
