import Foundation

/// Address and time rules shared by the CSAF distribution parsers.
public enum CSAFDistributionURL {
    /// `string` resolved against `base` (an absolute URL, or a path relative to `base`), when the result is an
    /// http(s) URL with a host and without user information; nil otherwise.
    public static func resolve(_ string: String, against base: URL?) -> URL? {
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 2048,
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        guard let url = URL(string: trimmed, relativeTo: base)?.absoluteURL else { return nil }
        return isAllowed(url) ? url : nil
    }

    /// Whether `url` is an http(s) URL with a host and no user information.
    public static func isAllowed(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil else { return false }
        return true
    }

    /// `url` as a directory base: with a trailing slash.
    public static func directory(_ url: URL) -> URL {
        let text = url.absoluteString
        return text.hasSuffix("/") ? url : URL(string: text + "/") ?? url
    }

    /// An RFC 3339 / ISO 8601 date-time (`2024-01-02T03:04:05Z`, with or without fractional seconds, `Z` or an
    /// offset), or nil.
    public static func date(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 20, trimmed.count <= 40 else { return nil }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: trimmed) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: trimmed)
    }
}
