import Foundation

/// An incident's reference, "SC-2026-0007": "SC" (sự cố), the year, and a number counting from 1 within the year,
/// zero-padded to at least 4 digits ("SC-2026-12345" after 9999).
///
/// Parsing (`init?(_:)`) accepts any case and surrounding spaces and 1 to 8 digits ("sc-2026-7" is SC-2026-0007);
/// `description` is the canonical form. Encoded as that string; ordered by year, then number.
public struct IncidentReference: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// "SC".
    public static let prefix = "SC"
    /// The years accepted.
    public static let years: ClosedRange<Int> = 2000...9999
    /// The numbers accepted.
    public static let numbers: ClosedRange<Int> = 1...99_999_999

    public let year: Int
    public let number: Int

    /// A reference, `nil` when the year is outside 2000…9999 or the number outside 1…99,999,999.
    public init?(year: Int, number: Int) {
        guard Self.years.contains(year), Self.numbers.contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// Parses "SC-YYYY-NNNN" (see the type's documentation).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "-",
                                                                              omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].uppercased() == Self.prefix,
              parts[1].count == 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              (1...8).contains(parts[2].count), parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(parts[1]), let number = Int(parts[2]) else { return nil }
        self.init(year: year, number: number)
    }

    /// "SC-2026-0007".
    public var description: String { "\(Self.prefix)-\(year)-\(number.zeroPadded(4))" }

    /// The reference to give the next incident reported at `date`: the number after `last` when `last` is of the
    /// same year (in `timeZone`), otherwise number 1 of that year. `nil` only when the year is outside 2000…9999 or
    /// the numbers of the year are used up.
    public static func next(after last: IncidentReference?, at date: Date, in timeZone: TimeZone) -> IncidentReference? {
        let year = Calendar.gregorian(in: timeZone).component(.year, from: date)
        guard let last, last.year == year else { return IncidentReference(year: year, number: 1) }
        return IncidentReference(year: year, number: last.number + 1)
    }

    public static func < (lhs: IncidentReference, rhs: IncidentReference) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let reference = IncidentReference(text) else {
            throw DecodingError.dataCorruptedError(in: container,
                                                   debugDescription: "\"\(text)\" is not an incident reference.")
        }
        self = reference
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
