import Foundation

/// The `--since` cursor of `truc bundle export`: `all`, or an ISO-8601 instant with a zone ("2025-01-31T00:00:00Z",
/// "2025-01-31T07:00:00+07:00", fractional seconds allowed). The next cursor is printed with milliseconds.
public enum BundleCursor {
    /// nil for `all`.
    public static func parse(_ text: String) throws(KnowledgeBundleError) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "all" { return nil }
        guard let date = parseInstant(trimmed) else { throw .invalidCursor(text) }
        return date
    }

    public static func parseInstant(_ text: String) -> Date? {
        guard text.count <= 40 else { return nil }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// "2025-01-31T00:00:00.123Z". Milliseconds are truncated towards the past, so that a cursor never skips a change.
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: milliseconds))
    }
}
