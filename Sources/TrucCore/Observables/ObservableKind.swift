import Foundation

/// The kinds of observable (indicator of compromise) an incident records: network addresses and names, URLs,
/// e-mail addresses, file hashes and vulnerability identifiers.
public enum ObservableKind: String, Codable, Sendable, CaseIterable {
    case ipv4 = "ipv4"
    case ipv6 = "ipv6"
    case domain = "domain"
    case url = "url"
    case email = "email"
    case md5 = "md5"
    case sha1 = "sha1"
    case sha256 = "sha256"
    case cve = "cve"

    /// The name shown in the interface: "Địa chỉ IPv4", "Tên miền", …
    public var vietnamese: String {
        switch self {
        case .ipv4: "Địa chỉ IPv4"
        case .ipv6: "Địa chỉ IPv6"
        case .domain: "Tên miền"
        case .url: "Đường dẫn URL"
        case .email: "Địa chỉ thư điện tử"
        case .md5: "Mã băm MD5"
        case .sha1: "Mã băm SHA-1"
        case .sha256: "Mã băm SHA-256"
        case .cve: "Mã lỗ hổng CVE"
        }
    }

    /// The same name in English: "IPv4 address", "Domain name", …
    public var english: String {
        switch self {
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .domain: "Domain name"
        case .url: "URL"
        case .email: "E-mail address"
        case .md5: "MD5 hash"
        case .sha1: "SHA-1 hash"
        case .sha256: "SHA-256 hash"
        case .cve: "CVE identifier"
        }
    }

    /// Whether the kind is a file hash.
    public var isHash: Bool {
        self == .md5 || self == .sha1 || self == .sha256
    }

    /// The number of hexadecimal digits of a hash kind (32, 40, 64); nil for the other kinds.
    public var hashLength: Int? {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        default: nil
        }
    }
}
