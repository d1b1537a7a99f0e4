import Foundation

/// "Cách thức phát hiện" of the initial report (Mẫu 03): how the incident was found.
///
/// The paper form lets the reporter tick several ways; the platform records the one that found the incident first
/// and leaves the others to the summary. `externalNotification` names who warned the unit (VNCERT/CC, NCSC, Cục
/// ATTT, the police, a provider …), `other` says how, in the reporter's words.
///
/// Encoded as `{"kind": "external_notification", "details": "NCSC"}`; `details` only for those two cases (absent
/// when there are none).
public enum IncidentDetectionMethod: Sendable, Hashable, Codable {
    /// Hệ thống giám sát, phát hiện xâm nhập (SOC, IDS/IPS, antivirus console, uptime monitoring).
    case monitoringSystem
    /// Kiểm tra nhật ký hệ thống (log review).
    case logReview
    /// Người dùng, cán bộ phản ánh.
    case userReport
    /// Nhận thông báo từ bên ngoài (VNCERT/CC, NCSC, Cục ATTT, cơ quan công an, nhà cung cấp …); `from` names who.
    case externalNotification(from: String?)
    /// Kiểm tra, đánh giá an toàn thông tin (audit, penetration test).
    case audit
    /// Another way, described by the reporter (required, non-blank).
    case other(String)

    /// The kinds, as encoded in `kind`, in the order the form lists them.
    public static let kinds = ["monitoring_system", "log_review", "user_report", "external_notification", "audit",
                               "other"]

    /// The encoded kind ("monitoring_system", "external_notification", …).
    public var kind: String {
        switch self {
        case .monitoringSystem: "monitoring_system"
        case .logReview: "log_review"
        case .userReport: "user_report"
        case .externalNotification: "external_notification"
        case .audit: "audit"
        case .other: "other"
        }
    }

    /// Who notified (`externalNotification`) or how (`other`); `nil` for the other cases.
    public var details: String? {
        switch self {
        case .externalNotification(let from): from
        case .other(let text): text
        case .monitoringSystem, .logReview, .userReport, .audit: nil
        }
    }

    /// A method from its encoded kind and details (ignored for the kinds that take none; a blank `from` of an
    /// external notification counts as none). `nil` for an unknown kind.
    public init?(kind: String, details: String?) {
        switch kind {
        case "monitoring_system": self = .monitoringSystem
        case "log_review": self = .logReview
        case "user_report": self = .userReport
        case "external_notification":
            let from = details?.trimmingCharacters(in: .whitespacesAndNewlines)
            self = .externalNotification(from: (from?.isEmpty ?? true) ? nil : from)
        case "audit": self = .audit
        case "other": self = .other(details ?? "")
        default: return nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .monitoringSystem: "Qua hệ thống giám sát, phát hiện xâm nhập"
        case .logReview: "Qua kiểm tra nhật ký hệ thống"
        case .userReport: "Do người dùng phản ánh"
        case .externalNotification(let from?): "Nhận được thông báo từ \(from)"
        case .externalNotification(nil): "Nhận được thông báo từ bên ngoài"
        case .audit: "Qua kiểm tra, đánh giá an toàn thông tin"
        case .other(let text): "Khác: \(text)"
        }
    }

    public var english: String {
        switch self {
        case .monitoringSystem: "By a monitoring or intrusion-detection system"
        case .logReview: "By reviewing system logs"
        case .userReport: "Reported by a user"
        case .externalNotification(let from?): "Notified by \(from)"
        case .externalNotification(nil): "Notified by an outside party"
        case .audit: "By a security audit or assessment"
        case .other(let text): "Other: \(text)"
        }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case kind, details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let details = try container.decodeIfPresent(String.self, forKey: .details)
        guard let method = Self(kind: kind, details: details) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "Unknown detection method \"\(kind)\".")
        }
        self = method
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(details, forKey: .details)
    }
}
