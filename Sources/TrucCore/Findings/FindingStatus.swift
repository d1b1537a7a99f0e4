/// Where a finding (a CVE that applies to an asset) stands in its workflow.
///
/// open → in progress → fixed / mitigated / false positive / risk accepted. A finding can also be closed straight
/// from open, or put back from in progress to open. Closed findings can be reopened; a mitigated or risk-accepted
/// finding can later be marked fixed. See `canTransition(to:)` and `FindingTransition` for what each change needs.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    /// Found, nobody working on it yet.
    case open
    /// Someone is handling it.
    case inProgress = "in_progress"
    /// Patched or upgraded: the asset is no longer affected.
    case fixed
    /// Still affected, but a compensating measure (workaround, firewall rule, feature disabled) is in place.
    case mitigated
    /// The asset is not actually affected (wrong product or version in the inventory, feature not present).
    case falsePositive = "false_positive"
    /// Left as it is, on purpose, until an expiry date.
    case riskAccepted = "risk_accepted"

    /// Whether the finding still needs work: open and in progress count for SLA deadlines and overdue lists.
    public var isActive: Bool {
        switch self {
        case .open, .inProgress: true
        case .fixed, .mitigated, .falsePositive, .riskAccepted: false
        }
    }

    /// Every status that `isActive`, for database filters (`status IN …`).
    public static let active: [FindingStatus] = allCases.filter(\.isActive)

    /// Whether the finding is closed (not active).
    public var isClosed: Bool { !isActive }

    public var vietnamese: String {
        switch self {
        case .open: "Mới phát hiện"
        case .inProgress: "Đang xử lý"
        case .fixed: "Đã khắc phục"
        case .mitigated: "Đã có biện pháp giảm thiểu"
        case .falsePositive: "Cảnh báo sai"
        case .riskAccepted: "Chấp nhận rủi ro"
        }
    }

    public var english: String {
        switch self {
        case .open: "Open"
        case .inProgress: "In progress"
        case .fixed: "Fixed"
        case .mitigated: "Mitigated"
        case .falsePositive: "False positive"
        case .riskAccepted: "Risk accepted"
        }
    }

    /// Whether a person may move a finding from this status to `next` (never to the same status):
    ///
    /// | from | to |
    /// |---|---|
    /// | open | in progress, fixed, mitigated, false positive, risk accepted |
    /// | in progress | open, fixed, mitigated, false positive, risk accepted |
    /// | fixed, false positive | open (reopen) |
    /// | mitigated, risk accepted | open (reopen), fixed |
    public func canTransition(to next: FindingStatus) -> Bool {
        guard next != self else { return false }
        switch self {
        case .open, .inProgress:
            return true
        case .fixed, .falsePositive:
            return next == .open
        case .mitigated, .riskAccepted:
            return next == .open || next == .fixed
        }
    }

    /// The statuses a person may move a finding to from this one, in declaration order.
    public var allowedTransitions: [FindingStatus] {
        Self.allCases.filter(canTransition(to:))
    }
}
