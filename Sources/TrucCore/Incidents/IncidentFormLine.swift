import Foundation

/// One line of a national report form: its label (as printed on the form) and its value. The print-ready pages
/// and the e-mails to the national coordinator are both made from these, so they say the same.
public struct IncidentFormLine: Sendable, Equatable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }

    /// "label: value" lines; a value over several lines is indented under its label. Empty values show "—".
    public static func text(_ lines: [IncidentFormLine]) -> String {
        lines.map { line in
            let value = line.value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { return "\(line.label): —" }
            let parts = value.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.count == 1 { return "\(line.label): \(value)" }
            return "\(line.label):\n" + parts.map { "    \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
