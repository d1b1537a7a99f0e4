import Foundation

/// "Hiện trạng sự cố" of the initial report (Mẫu 03): the state of the incident as the reporting unit sees it
/// when it reports.
///
/// An enum only, without free text: the form asks for one mark among a few choices (a required single choice),
/// and whatever the reporter wants to add belongs in the summary ("Mô tả sơ bộ về sự cố"). The choices are the
/// ones the national coordinator needs to decide how urgently to help; they are independent of the platform's own
/// workflow (`IncidentStatus`), which the response team drives.
///
/// Encoded as its raw value ("ongoing", "contained", "resolved", "unknown").
public enum IncidentCurrentStatus: String, Sendable, Codable, CaseIterable {
    /// Đang diễn ra: the attack or its effects continue.
    case ongoing
    /// Đã ngăn chặn: stopped from spreading, not yet repaired.
    case contained
    /// Đã xử lý xong: the unit repaired the damage itself.
    case resolved
    /// Chưa xác định: the unit cannot tell yet.
    case unknown

    public var vietnamese: String {
        switch self {
        case .ongoing: "Đang diễn ra"
        case .contained: "Đã ngăn chặn, chưa khắc phục xong"
        case .resolved: "Đã xử lý xong"
        case .unknown: "Chưa xác định"
        }
    }

    public var english: String {
        switch self {
        case .ongoing: "Ongoing"
        case .contained: "Contained, not yet repaired"
        case .resolved: "Resolved"
        case .unknown: "Not yet known"
        }
    }
}
