import Foundation

/// A piece of work within an incident ("chặn IP 203.0.113.7 trên tường lửa", "khôi phục trang chủ từ bản sao
/// lưu"), created by the response team (`IncidentAction.manageTasks`) and done by its assignee.
public struct IncidentTask: Sendable, Codable, Equatable {
    /// A task's state: open → done or cancelled, and back to open (reopened).
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case done
        case cancelled

        /// Whether a task may go from this status to `next`: open → done, open → cancelled, done → open,
        /// cancelled → open.
        public func canChange(to next: Status) -> Bool {
            switch (self, next) {
            case (.open, .done), (.open, .cancelled), (.done, .open), (.cancelled, .open): true
            default: false
            }
        }

        public var vietnamese: String {
            switch self {
            case .open: "Đang thực hiện"
            case .done: "Đã hoàn thành"
            case .cancelled: "Đã hủy"
            }
        }

        public var english: String {
            switch self {
            case .open: "Open"
            case .done: "Done"
            case .cancelled: "Cancelled"
            }
        }
    }

    /// The longest title: 200 characters.
    public static let titleLimit = 200
    /// The longest note: 5000 characters.
    public static let noteLimit = 5000
    /// How far ahead a due date may be: 365 days.
    public static let maximumLeadTime: TimeInterval = 365 * 86_400

    /// What to do, one line.
    public var title: String
    /// Details, if any.
    public var note: String?
    /// Who does it (an account identifier of the platform); `nil` while unassigned.
    public var assignee: String?
    /// When it must be done, if there is a deadline.
    public var dueAt: Date?
    public var status: Status

    public init(title: String, note: String? = nil, assignee: String? = nil, dueAt: Date? = nil,
                status: Status = .open) {
        self.title = title
        self.note = note
        self.assignee = assignee
        self.dueAt = dueAt
        self.status = status
    }

    /// Checks the task and returns the normalised copy (title on one line, blank note and assignee `nil`), or
    /// throws every problem: a title of 1…200 characters; a note of at most 5000; a due date, when it is new (not
    /// equal to `previousDueAt`, the one stored before the change), after `now` and at most 365 days after it.
    /// An unchanged due date is not checked again, so that an overdue task can still be edited.
    public func validated(now: Date, previousDueAt: Date? = nil) throws(IncidentValidationError) -> IncidentTask {
        var v = IncidentFormValidator()
        var copy = self
        copy.title = v.required(title, field: "title", vietnamese: "tên nhiệm vụ", english: "the task's title",
                                limit: Self.titleLimit)
        copy.note = v.optional(note, field: "note", vietnamese: "ghi chú", english: "the note", limit: Self.noteLimit,
                               multiline: true)
        copy.assignee = v.optional(assignee, field: "assignee", vietnamese: "người thực hiện",
                                   english: "the assignee", limit: 255)
        if let dueAt, dueAt != previousDueAt {
            if dueAt <= now {
                v.add("dueAt", "Hạn hoàn thành phải sau thời điểm hiện tại.", "The due date must be in the future.")
            } else if dueAt > now.addingTimeInterval(Self.maximumLeadTime) {
                v.add("dueAt", "Hạn hoàn thành không được quá 365 ngày kể từ hôm nay.",
                      "The due date must be at most 365 days from now.")
            }
        }
        try v.check()
        return copy
    }

    /// The task with its status changed, if the change is allowed (`Status.canChange(to:)`).
    public func changingStatus(to next: Status) throws(IncidentWorkflowError) -> IncidentTask {
        guard status.canChange(to: next) else { throw .taskNotAllowed(from: status, to: next) }
        var copy = self
        copy.status = next
        return copy
    }

    /// Whether it is still open and its due date has passed (`dueAt < now`).
    public func isOverdue(now: Date) -> Bool {
        guard status == .open, let dueAt else { return false }
        return dueAt < now
    }
}
