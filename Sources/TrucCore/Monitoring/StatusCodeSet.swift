import Foundation

/// The HTTP status codes an HTTP monitor accepts, parsed from text such as "200-299,301, 302" or "2xx,301".
///
/// Codes are 100…599. The set is kept as sorted ranges with overlapping and adjacent ones merged, so that
/// `description` is canonical: "200-299,301, 302, 303" gives "200-299,301-303".
public struct StatusCodeSet: Sendable, Hashable, CustomStringConvertible {
    /// The valid status codes.
    public static let validCodes: ClosedRange<Int> = 100...599
    /// What a monitor accepts when no codes are set: 200…399 (success and redirects).
    public static let `default` = StatusCodeSet(ranges: [200...399])

    /// Sorted, disjoint, non-adjacent ranges.
    public let ranges: [ClosedRange<Int>]

    /// A set from ranges, sorted and merged (not validated against `validCodes`).
    public init(ranges: [ClosedRange<Int>]) {
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    /// Parses a comma-separated list of codes ("301"), ranges ("200-299", low ≤ high) and classes ("2xx").
    /// Spaces are ignored and an en dash may stand for the hyphen; empty items (a trailing comma) are skipped.
    /// Problems are reported on the field "expectedStatus", every invalid item named in one message.
    public init(parsing text: String) throws(MonitorValidationError) {
        var ranges: [ClosedRange<Int>] = []
        var invalid: [String] = []
        for rawItem in text.split(separator: ",") {
            let item = rawItem.filter { !$0.isWhitespace }.replacingOccurrences(of: "–", with: "-")
            guard !item.isEmpty else { continue }
            if let range = Self.parseItem(item.lowercased()) {
                ranges.append(range)
            } else {
                invalid.append("\"\(rawItem.trimmingCharacters(in: .whitespaces))\"")
            }
        }
        if !invalid.isEmpty {
            throw MonitorValidationError(
                field: "expectedStatus",
                vietnamese: "Mã trạng thái HTTP không hợp lệ: \(invalid.joined(separator: ", ")). Nhập các mã từ 100 "
                    + "đến 599 hoặc khoảng mã, cách nhau bởi dấu phẩy, ví dụ 200-299,301.",
                english: "Invalid HTTP status codes: \(invalid.joined(separator: ", ")). Give codes from 100 to 599 "
                    + "or ranges, separated by commas, e.g. 200-299,301.")
        }
        guard !ranges.isEmpty else {
            throw MonitorValidationError(
                field: "expectedStatus",
                vietnamese: "Chưa nhập mã trạng thái HTTP nào; ví dụ 200-299,301.",
                english: "No HTTP status code given; e.g. 200-299,301.")
        }
        self.init(ranges: ranges)
    }

    private static func parseItem(_ item: String) -> ClosedRange<Int>? {
        func code(_ text: Substring) -> Int? {
            guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
                  validCodes.contains(value) else { return nil }
            return value
        }
        if item.count == 3, item.hasSuffix("xx"), let digit = item.first?.wholeNumberValue, (1...5).contains(digit) {
            return (digit * 100)...(digit * 100 + 99)
        }
        let parts = item.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return code(parts[0]).map { $0...$0 }
        case 2:
            guard let low = code(parts[0]), let high = code(parts[1]), low <= high else { return nil }
            return low...high
        default:
            return nil
        }
    }

    /// Whether the code is in the set.
    public func contains(_ code: Int) -> Bool {
        ranges.contains { $0.contains(code) }
    }

    /// The canonical text: "200-299,301", single codes alone, ranges with a hyphen, no spaces.
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }
}
