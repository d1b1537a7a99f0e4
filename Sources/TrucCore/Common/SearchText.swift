import Foundation

/// Folds Vietnamese text for accent-insensitive search: "Sở Thông tin" -> "so thong tin", "Đội" -> "doi".
public enum SearchText {
    public static func fold(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
        return replaced.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }
}
