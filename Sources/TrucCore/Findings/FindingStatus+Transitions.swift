import Foundation

/// What the matching run decides on its own, without a person: see `FindingTransition` for changes people make.
extension FindingStatus {
    /// When an asset no longer matches a CVE (e.g. it was upgraded): an active finding becomes fixed; a closed one
    /// keeps its status (a false positive or an accepted risk stays what people decided).
    public static func afterNoLongerMatching(_ current: FindingStatus) -> FindingStatus {
        current.isActive ? .fixed : current
    }

    /// When a finding matches again after rematching: one closed as fixed or mitigated reopens (the fix was rolled
    /// back, or the inventory shows the affected version again). False positives and accepted risks stay — people
    /// decided on them with the match in front of them; active findings stay as they are.
    public static func afterMatchingAgain(_ current: FindingStatus) -> FindingStatus {
        switch current {
        case .fixed, .mitigated: .open
        case .open, .inProgress, .falsePositive, .riskAccepted: current
        }
    }

    /// An accepted risk whose acceptance has run out (`acceptedUntil <= now`) reopens. An accepted risk without an
    /// expiry (which `FindingTransition` never lets through) counts as expired. Other statuses stay.
    public static func afterExpiry(_ current: FindingStatus, acceptedUntil: Date?, now: Date) -> FindingStatus {
        guard current == .riskAccepted else { return current }
        guard let acceptedUntil else { return .open }
        return acceptedUntil <= now ? .open : current
    }
}

/// A change of status requested by a person, with what it must carry: a note for false positive and mitigated
/// (why it is not affected / what the measure is), a reason and an expiry for risk accepted.
public struct FindingTransition: Sendable, Hashable {
    /// How far ahead a risk may be accepted: 365 days.
    public static let maximumRiskAcceptanceDays = 365
    /// `maximumRiskAcceptanceDays` as a time interval.
    public static let maximumRiskAcceptance: TimeInterval = TimeInterval(maximumRiskAcceptanceDays) * 86_400

    public var to: FindingStatus
    /// The note or reason; blank counts as none.
    public var note: String?
    /// Until when a risk is accepted (risk accepted only).
    public var acceptedUntil: Date?

    public init(to: FindingStatus, note: String? = nil, acceptedUntil: Date? = nil) {
        self.to = to
        self.note = note
        self.acceptedUntil = acceptedUntil
    }

    /// Whether the note has something besides whitespace.
    public var hasNote: Bool {
        note?.contains { !$0.isWhitespace } ?? false
    }

    /// Checks the change from `current`, in this order: not the same status; allowed by
    /// `FindingStatus.canTransition(to:)`; a note for false positive, mitigated and risk accepted; for risk
    /// accepted an expiry strictly after `now` and at most `maximumRiskAcceptance` after it; no expiry for any
    /// other status.
    public func validate(from current: FindingStatus, now: Date) throws(FindingTransitionError) {
        guard to != current else { throw .sameStatus(current) }
        guard current.canTransition(to: to) else { throw .notAllowed(from: current, to: to) }
        switch to {
        case .falsePositive, .mitigated, .riskAccepted:
            guard hasNote else { throw .noteRequired(to) }
        case .open, .inProgress, .fixed:
            break
        }
        if to == .riskAccepted {
            guard let acceptedUntil else { throw .expiryRequired }
            guard acceptedUntil > now else { throw .expiryNotInFuture }
            guard acceptedUntil <= now.addingTimeInterval(Self.maximumRiskAcceptance) else {
                throw .expiryTooFar(maximumDays: Self.maximumRiskAcceptanceDays)
            }
        } else if acceptedUntil != nil {
            throw .expiryNotApplicable(to)
        }
    }
}

/// Why a `FindingTransition` was refused. `description` is the English message; `vietnamese` says the same for the
/// Vietnamese interface.
public enum FindingTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The finding already has this status.
    case sameStatus(FindingStatus)
    /// The workflow does not allow this change (see `FindingStatus.canTransition(to:)`).
    case notAllowed(from: FindingStatus, to: FindingStatus)
    /// False positive and mitigated need a note, risk accepted a reason.
    case noteRequired(FindingStatus)
    /// Risk accepted needs an expiry date.
    case expiryRequired
    /// The expiry is not after now.
    case expiryNotInFuture
    /// The expiry is more than this many days ahead.
    case expiryTooFar(maximumDays: Int)
    /// An expiry was given for a status other than risk accepted.
    case expiryNotApplicable(FindingStatus)

    public var description: String { english }

    public var english: String {
        switch self {
        case .sameStatus(let status):
            "The finding is already \"\(status.english)\"."
        case .notAllowed(let from, let to):
            "A finding cannot go from \"\(from.english)\" to \"\(to.english)\"."
        case .noteRequired(.riskAccepted):
            "Accepting a risk needs a reason."
        case .noteRequired(let status):
            "Marking a finding \"\(status.english)\" needs a note."
        case .expiryRequired:
            "Accepting a risk needs an expiry date."
        case .expiryNotInFuture:
            "The risk acceptance must expire in the future."
        case .expiryTooFar(let days):
            "A risk can be accepted for at most \(days) days."
        case .expiryNotApplicable(let status):
            "An expiry date only applies to accepted risks, not to \"\(status.english)\"."
        }
    }

    public var vietnamese: String {
        switch self {
        case .sameStatus(let status):
            "Phát hiện đã ở trạng thái \"\(status.vietnamese)\"."
        case .notAllowed(let from, let to):
            "Không thể chuyển phát hiện từ \"\(from.vietnamese)\" sang \"\(to.vietnamese)\"."
        case .noteRequired(.riskAccepted):
            "Chấp nhận rủi ro cần ghi rõ lý do."
        case .noteRequired(let status):
            "Chuyển sang \"\(status.vietnamese)\" cần có ghi chú."
        case .expiryRequired:
            "Chấp nhận rủi ro cần có ngày hết hạn."
        case .expiryNotInFuture:
            "Ngày hết hạn chấp nhận rủi ro phải ở tương lai."
        case .expiryTooFar(let days):
            "Chỉ được chấp nhận rủi ro tối đa \(days) ngày."
        case .expiryNotApplicable(let status):
            "Ngày hết hạn chỉ áp dụng khi chấp nhận rủi ro, không áp dụng cho \"\(status.vietnamese)\"."
        }
    }
}
