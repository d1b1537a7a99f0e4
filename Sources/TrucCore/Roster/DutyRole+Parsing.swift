import Foundation

extension DutyRole {
    /// Reads a role as people type it: "technical", "leader", or Vietnamese with or without accents
    /// ("kỹ thuật", "ky thuat", "trực lãnh đạo", "lanh dao"); case-insensitive.
    public init?(lenient text: String) {
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
            .split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "-" })
            .joined(separator: " ")
        switch folded {
        case "technical", "tech", "ky thuat", "kythuat", "truc ky thuat": self = .technical
        case "leader", "lanh dao", "lanhdao", "truc lanh dao": self = .leader
        default: return nil
        }
    }
}
