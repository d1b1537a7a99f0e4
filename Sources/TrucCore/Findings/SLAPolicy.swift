import Foundation

/// Remediation deadlines in days, by CVSS severity and by the security level of the information system the asset
/// belongs to (cấp độ 1–5 under Decree 85/2016/NĐ-CP: the higher the level, the more important the system and
/// the shorter the deadline).
///
/// `standard` is the default table (levels 1…5):
///
/// | severity | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | critical | 15 | 10 | 7 | 5 | 3 |
/// | high | 30 | 21 | 15 | 10 | 7 |
/// | medium | 90 | 60 | 45 | 30 | 20 |
/// | low | 180 | 120 | 90 | 60 | 45 |
///
/// A CVE without a CVSS rating (severity `nil`) or rated `none` uses the `none` row if the table has one, otherwise
/// the medium row. An asset outside any information system uses `unassignedLevel`. For a CVE in CISA's Known
/// Exploited Vulnerabilities catalog the deadline is also at most the end of the catalog's due date (in the
/// deployment's time zone).
///
/// With `priorityRule` on, a finding whose CVE is in KEV or has an EPSS score at or above the rule's threshold gets
/// the critical row's deadline for its level (when shorter): see `deadline(firstSeen:severity:level:kev:epss:kevDueDate:)`.
///
/// Encoded as `{"days": {"critical": [15, 10, 7, 5, 3], …}, "unassignedLevel": 3, "priorityRule": {"enabled": false,
/// "epssThreshold": 0.1}}` (`priorityRule` may be left out: off); decoding validates as `init`.
public struct SLAPolicy: Sendable, Hashable, Codable {
    /// The security levels of information systems.
    public static let levels: ClosedRange<Int> = 1...5
    /// The allowed number of days of one deadline.
    public static let dayRange: ClosedRange<Int> = 1...3650
    /// The severities a table must have a row for (`none` is optional).
    public static let requiredSeverities: [CVSSSeverity] = [.low, .medium, .high, .critical]

    /// Days by severity: one entry per level, level 1 first. Set through `init` to have it validated; a table
    /// changed directly is read leniently (a missing row uses the medium row, then the standard one; a short row its
    /// last entry).
    public var days: [CVSSSeverity: [Int]]
    /// The level used for assets that belong to no information system.
    public var unassignedLevel: Int
    /// The KEV/EPSS rule (off unless a coordinator switches it on).
    public var priorityRule: SLAPriorityRule = .off

    /// The default table above, with unassigned assets at level 3.
    public static let standard = SLAPolicy(validated: [
        .critical: [15, 10, 7, 5, 3],
        .high: [30, 21, 15, 10, 7],
        .medium: [90, 60, 45, 30, 20],
        .low: [180, 120, 90, 60, 45],
    ], unassignedLevel: 3)

    /// A policy from a table: rows for low, medium, high and critical (and optionally none), each with one entry per
    /// level (5), each 1…3650 days; `unassignedLevel` in 1…5.
    public init(days: [CVSSSeverity: [Int]], unassignedLevel: Int = 3) throws(SLAPolicyError) {
        for severity in Self.requiredSeverities where days[severity] == nil {
            throw .missingSeverity(severity)
        }
        for severity in CVSSSeverity.allCases.reversed() {
            guard let row = days[severity] else { continue }
            guard row.count == Self.levels.count else { throw .wrongLevelCount(severity, count: row.count) }
            for (offset, value) in row.enumerated() where !Self.dayRange.contains(value) {
                throw .daysOutOfRange(severity, level: Self.levels.lowerBound + offset, days: value)
            }
        }
        guard Self.levels.contains(unassignedLevel) else { throw .invalidUnassignedLevel(unassignedLevel) }
        self.init(validated: days, unassignedLevel: unassignedLevel)
    }

    private init(validated days: [CVSSSeverity: [Int]], unassignedLevel: Int) {
        self.days = days
        self.unassignedLevel = unassignedLevel
    }

    /// The number of days to fix a finding of this severity on a system of this level (`nil`: no system, use
    /// `unassignedLevel`; levels outside 1…5 are clamped).
    public func days(severity: CVSSSeverity?, level: Int?) -> Int {
        let level = min(max(level ?? unassignedLevel, Self.levels.lowerBound), Self.levels.upperBound)
        let severity = severity ?? .none
        let row = days[severity] ?? days[.medium] ?? Self.standard.days[severity] ?? Self.standard.days[.medium]!
        guard let last = row.last else { return Self.standard.days(severity: severity, level: level) }
        let index = level - Self.levels.lowerBound
        return index < row.count ? row[index] : last
    }

    /// `firstSeen` plus `days(severity:level:)` days (of 24 hours); for a CVE in the KEV catalog, no later than
    /// `kevDueDate`: the instant the catalog's due date ends in the deployment's time zone, as `endOfDay(_:in:)` gives
    /// it (or use `deadline(firstSeen:severity:level:kevDueDay:in:)` with the day itself).
    public func deadline(firstSeen: Date, severity: CVSSSeverity?, level: Int?, kevDueDate: Date? = nil) -> Date {
        let computed = firstSeen.addingTimeInterval(TimeInterval(days(severity: severity, level: level)) * 86_400)
        guard let kevDueDate else { return computed }
        return min(computed, kevDueDate)
    }

    /// The days to fix a finding with the priority rule applied: the critical row's days for its level when the
    /// rule is on and the CVE is in KEV or has `epss` at or above the threshold (and that is shorter), else
    /// `days(severity:level:)`.
    public func days(severity: CVSSSeverity?, level: Int?, kev: Bool, epss: Double?) -> Int {
        let own = days(severity: severity, level: level)
        guard priorityRule.applies(kev: kev, epss: epss) else { return own }
        return min(own, days(severity: .critical, level: level))
    }

    /// `firstSeen` plus `days(severity:level:kev:epss:)` days, no later than `kevDueDate` (the end of the KEV due
    /// day, for a CVE in KEV).
    public func deadline(firstSeen: Date, severity: CVSSSeverity?, level: Int?, kev: Bool, epss: Double?,
                         kevDueDate: Date?) -> Date {
        let computed = firstSeen.addingTimeInterval(TimeInterval(days(severity: severity, level: level, kev: kev, epss: epss)) * 86_400)
        guard let kevDueDate else { return computed }
        return min(computed, kevDueDate)
    }

    /// `deadline(firstSeen:severity:level:kevDueDate:)` with the KEV due date as the catalog gives it (a day): no
    /// later than the end (23:59:59) of that day in `timeZone`.
    public func deadline(firstSeen: Date, severity: CVSSSeverity?, level: Int?, kevDueDay: LocalDay?,
                         in timeZone: TimeZone) -> Date {
        deadline(firstSeen: firstSeen, severity: severity, level: level,
                 kevDueDate: kevDueDay.map { Self.endOfDay($0, in: timeZone) })
    }

    /// The last second (23:59:59) of a day in a time zone.
    public static func endOfDay(_ day: LocalDay, in timeZone: TimeZone) -> Date {
        day.adding(days: 1).start(in: timeZone).addingTimeInterval(-1)
    }

    /// Whether a finding is overdue: still active and its deadline has passed (`deadline < now`). No deadline,
    /// no overdue.
    public static func isOverdue(deadline: Date?, status: FindingStatus, now: Date) -> Bool {
        guard status.isActive, let deadline else { return false }
        return deadline < now
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case days, unassignedLevel, priorityRule
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode([String: [Int]].self, forKey: .days)
        var days: [CVSSSeverity: [Int]] = [:]
        for (key, row) in raw {
            guard let severity = CVSSSeverity(rawValue: key) else { throw SLAPolicyError.unknownSeverity(key) }
            days[severity] = row
        }
        let level = try container.decodeIfPresent(Int.self, forKey: .unassignedLevel) ?? 3
        try self.init(days: days, unassignedLevel: level)
        priorityRule = try container.decodeIfPresent(SLAPriorityRule.self, forKey: .priorityRule) ?? .off
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: days.map { ($0.key.rawValue, $0.value) }), forKey: .days)
        try container.encode(unassignedLevel, forKey: .unassignedLevel)
        try container.encode(priorityRule, forKey: .priorityRule)
    }
}

/// Why an `SLAPolicy` table was refused. `description` is the English message; `vietnamese` says the same for the
/// Vietnamese interface.
public enum SLAPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The table has no row for this severity (low, medium, high and critical are required).
    case missingSeverity(CVSSSeverity)
    /// The row for this severity has `count` entries instead of one per level (5).
    case wrongLevelCount(CVSSSeverity, count: Int)
    /// A deadline outside 1…3650 days.
    case daysOutOfRange(CVSSSeverity, level: Int, days: Int)
    /// The level for unassigned assets is outside 1…5.
    case invalidUnassignedLevel(Int)
    /// A severity name that is not `none`, `low`, `medium`, `high` or `critical` (decoding).
    case unknownSeverity(String)
    /// The priority rule's EPSS threshold is not a number in 0…1.
    case invalidEPSSThreshold(Double)

    public var description: String { english }

    public var english: String {
        let days = SLAPolicy.dayRange
        let levels = SLAPolicy.levels
        switch self {
        case .missingSeverity(let severity):
            return "The deadline table has no row for severity \(severity.english)."
        case .wrongLevelCount(let severity, let count):
            return "The \(severity.english) row has \(count) deadlines; it needs one per security level "
                + "(\(levels.count))."
        case .daysOutOfRange(let severity, let level, let value):
            return "The \(severity.english) deadline for level \(level) is \(value) days; it must be "
                + "\(days.lowerBound)–\(days.upperBound) days."
        case .invalidUnassignedLevel(let level):
            return "The level for assets outside any information system is \(level); it must be "
                + "\(levels.lowerBound)–\(levels.upperBound)."
        case .unknownSeverity(let name):
            return "\"\(name)\" is not a severity (none, low, medium, high, critical)."
        case .invalidEPSSThreshold(let value):
            return "The EPSS threshold is \(value); it must be between 0 and 1 (e.g. 0.1 for 10 %)."
        }
    }

    public var vietnamese: String {
        let days = SLAPolicy.dayRange
        let levels = SLAPolicy.levels
        switch self {
        case .missingSeverity(let severity):
            return "Bảng thời hạn thiếu dòng cho mức độ \(severity.vietnamese)."
        case .wrongLevelCount(let severity, let count):
            return "Dòng mức độ \(severity.vietnamese) có \(count) thời hạn; cần đúng một thời hạn cho mỗi cấp độ "
                + "(\(levels.count) cấp độ)."
        case .daysOutOfRange(let severity, let level, let value):
            return "Thời hạn mức độ \(severity.vietnamese) cho cấp độ \(level) là \(value) ngày; phải từ "
                + "\(days.lowerBound) đến \(days.upperBound) ngày."
        case .invalidUnassignedLevel(let level):
            return "Cấp độ áp dụng cho tài sản chưa thuộc hệ thống thông tin nào là \(level); phải từ "
                + "\(levels.lowerBound) đến \(levels.upperBound)."
        case .unknownSeverity(let name):
            return "\"\(name)\" không phải là mức độ nghiêm trọng (none, low, medium, high, critical)."
        case .invalidEPSSThreshold(let value):
            return "Ngưỡng EPSS là \(value); phải từ 0 đến 1 (ví dụ 0.1 là 10 %)."
        }
    }
}
