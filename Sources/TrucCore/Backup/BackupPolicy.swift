import Foundation

/// The coordinator's schedule of backups (when `TRUC_BACKUP_DIR` is set): one every `intervalHours`, keeping the
/// newest `keep`.
public struct BackupPolicy: Sendable, Codable, Equatable {
    public static let intervalRange: ClosedRange<Int> = 1...720
    public static let keepRange: ClosedRange<Int> = 1...365
    /// After a failed backup, the next try comes this soon (or at the interval, if shorter).
    public static let retryAfterFailure: TimeInterval = 3600

    public var intervalHours: Int
    public var keep: Int

    public init(intervalHours: Int = 24, keep: Int = 7) {
        self.intervalHours = intervalHours
        self.keep = keep
    }

    /// A checked policy; the error names every field out of range ("intervalHours", "keep").
    public init(validatingIntervalHours intervalHours: Int, keep: Int) throws(FieldValidationError) {
        var problems: [FieldValidationError.Problem] = []
        if !Self.intervalRange.contains(intervalHours) {
            problems.append(.init(field: "intervalHours",
                                  vietnamese: "Chu kỳ sao lưu phải từ 1 đến 720 giờ.",
                                  english: "The backup interval must be between 1 and 720 hours."))
        }
        if !Self.keepRange.contains(keep) {
            problems.append(.init(field: "keep",
                                  vietnamese: "Số bản sao lưu giữ lại phải từ 1 đến 365.",
                                  english: "The number of backups kept must be between 1 and 365."))
        }
        guard problems.isEmpty else { throw FieldValidationError(problems: problems) }
        self.init(intervalHours: intervalHours, keep: keep)
    }

    public var interval: TimeInterval { TimeInterval(intervalHours) * 3600 }

    /// Whether a scheduled backup is due at `now`, given when the last one started and whether it worked. The first
    /// is due at once; after a failure the next try comes within an hour.
    public func isDue(now: Date, lastStartedAt: Date?, lastSucceeded: Bool) -> Bool {
        guard let lastStartedAt else { return true }
        let wait = lastSucceeded ? interval : min(interval, Self.retryAfterFailure)
        let elapsed = now.timeIntervalSince(lastStartedAt)
        // A clock set back far past the last start must not stop backups for as long.
        return elapsed >= wait || elapsed < -wait
    }
}
