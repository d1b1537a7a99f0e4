import Foundation

/// What kind of incident it is, set by the response team at triage: the taxonomy VNCERT/CC-style reports use
/// (the kinds of attack the national coordinator publishes statistics on: phishing, defacement, malware).
///
/// Encoded as its raw value ("ddos", "malware", "unauthorized_access", …).
public enum IncidentCategory: String, Sendable, Codable, CaseIterable {
    /// Tấn công từ chối dịch vụ (DoS/DDoS).
    case ddos
    /// Mã độc (virus, trojan, botnet, mã khai thác tiền ảo …), except ransomware.
    case malware
    /// Mã độc tống tiền (ransomware): data encrypted or stolen for ransom.
    case ransomware
    /// Xâm nhập trái phép: an account or a system used without authorisation.
    case unauthorizedAccess = "unauthorized_access"
    /// Thay đổi giao diện (deface) of a website or portal.
    case defacement
    /// Lừa đảo (phishing), including fake websites impersonating the agency.
    case phishing
    /// Rò rỉ, lộ lọt dữ liệu.
    case dataLeak = "data_leak"
    /// Khai thác lỗ hổng (an exploited vulnerability, e.g. a web-application or VPN flaw).
    case vulnerabilityExploitation = "vulnerability_exploitation"
    /// Tấn công có chủ đích (APT).
    case apt
    /// Dò quét, thăm dò hệ thống.
    case scanning
    /// Anything else (the details go in the report's summary).
    case other

    public var vietnamese: String {
        switch self {
        case .ddos: "Tấn công từ chối dịch vụ (DDoS)"
        case .malware: "Mã độc"
        case .ransomware: "Mã độc tống tiền (ransomware)"
        case .unauthorizedAccess: "Xâm nhập trái phép"
        case .defacement: "Tấn công thay đổi giao diện (deface)"
        case .phishing: "Lừa đảo (phishing)"
        case .dataLeak: "Rò rỉ, lộ lọt dữ liệu"
        case .vulnerabilityExploitation: "Khai thác lỗ hổng bảo mật"
        case .apt: "Tấn công có chủ đích (APT)"
        case .scanning: "Dò quét, thăm dò hệ thống"
        case .other: "Loại khác"
        }
    }

    public var english: String {
        switch self {
        case .ddos: "Denial of service (DDoS)"
        case .malware: "Malware"
        case .ransomware: "Ransomware"
        case .unauthorizedAccess: "Unauthorised access"
        case .defacement: "Website defacement"
        case .phishing: "Phishing"
        case .dataLeak: "Data leak"
        case .vulnerabilityExploitation: "Vulnerability exploitation"
        case .apt: "Advanced persistent threat (APT)"
        case .scanning: "Scanning, reconnaissance"
        case .other: "Other"
        }
    }
}
