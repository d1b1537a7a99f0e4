/// An official document a campaign cites, e.g. "1520/BTTTT-CATTT ngày 26/4/2023 của Bộ TTTT".
public struct ReferencedDocument: Codable, Sendable, Equatable {
    /// Số hiệu, e.g. "1520/BTTTT-CATTT".
    public var number: String
    /// Ngày ban hành, ISO "2023-04-26".
    public var date: String
    /// Cơ quan ban hành.
    public var issuer: String
    /// Trích yếu (optional).
    public var title: String?

    public init(number: String, date: String, issuer: String, title: String? = nil) {
        self.number = number
        self.date = date
        self.issuer = issuer
        self.title = title
    }

    /// Checks the number looks like a Vietnamese document number ("1520/BTTTT-CATTT", "708/QĐ-UBND").
    public static func isPlausibleNumber(_ number: String) -> Bool {
        let parts = number.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let first = parts.first, !first.isEmpty,
              first.allSatisfy(\.isNumber), !parts[1].trimmingCharacters(in: .whitespaces).isEmpty
        else { return false }
        return true
    }
}
