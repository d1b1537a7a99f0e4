import Foundation

/// What a coordinator sets for one source, validated: an http(s) address, an interval, on/off, a name.
public struct FeedSourceSettings: Sendable, Hashable {
    public static let intervalRange: ClosedRange<Int> = 15...(30 * 1440)
    public static let maxURLLength = 2000
    public static let maxNameLength = 120
    public static let maxAPIKeyLength = 200

    public var name: String
    public var url: String
    public var intervalMinutes: Int
    public var enabled: Bool

    /// Validates the settings; `url` must be absolute http(s) without user info, `intervalMinutes` 15 min…30 days.
    public init(kind: FeedSourceKind, name: String?, url: String?, intervalMinutes: Int?, enabled: Bool) throws(FeedSourceSettingsError) {
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let url = (url ?? kind.defaultURL ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= Self.maxNameLength else { throw .nameTooLong }
        guard !url.isEmpty else { throw .missingURL }
        guard url.utf8.count <= Self.maxURLLength else { throw .urlTooLong }
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = parsed.host, !host.isEmpty, parsed.user == nil, parsed.password == nil else {
            throw .invalidURL
        }
        let interval = intervalMinutes ?? kind.defaultIntervalMinutes
        guard Self.intervalRange.contains(interval) else { throw .intervalOutOfRange(interval) }
        self.name = name.isEmpty ? kind.english : name
        self.url = url
        self.intervalMinutes = interval
        self.enabled = enabled
    }

    /// Validates an API key: printable ASCII without spaces, at most 200 characters.
    public static func validAPIKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= maxAPIKeyLength && key.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

public enum FeedSourceSettingsError: Error, Sendable, Equatable {
    case missingURL, urlTooLong, invalidURL, nameTooLong, intervalOutOfRange(Int), invalidAPIKey

    public var vietnamese: String {
        switch self {
        case .missingURL: "Cần địa chỉ của nguồn."
        case .urlTooLong: "Địa chỉ quá dài (tối đa \(FeedSourceSettings.maxURLLength) ký tự)."
        case .invalidURL: "Địa chỉ phải là http:// hoặc https:// đầy đủ, không chứa tên đăng nhập."
        case .nameTooLong: "Tên quá dài (tối đa \(FeedSourceSettings.maxNameLength) ký tự)."
        case .intervalOutOfRange: "Chu kỳ phải từ 15 phút đến 30 ngày."
        case .invalidAPIKey: "Khóa API không hợp lệ (ký tự in được, không dấu cách, tối đa 200)."
        }
    }

    public var english: String {
        switch self {
        case .missingURL: "The source needs an address."
        case .urlTooLong: "The address is too long (at most \(FeedSourceSettings.maxURLLength) characters)."
        case .invalidURL: "The address must be a full http:// or https:// URL without user name."
        case .nameTooLong: "The name is too long (at most \(FeedSourceSettings.maxNameLength) characters)."
        case .intervalOutOfRange(let minutes): "The interval must be 15 minutes to 30 days (got \(minutes))."
        case .invalidAPIKey: "The API key is invalid (printable characters, no spaces, at most 200)."
        }
    }
}
