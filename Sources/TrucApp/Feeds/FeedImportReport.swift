import Vapor

/// Counts of one feed import, printed by the command and kept in `feed_imports`.
struct FeedImportReport: Content, Equatable {
    var kind: String
    var source: String
    var records = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    var skipped = 0
    /// Skipped records with their reasons and other notes (at most `maxProblems`).
    var problems: [String] = []
    var seconds: Double = 0
    var matching: MatchSummary?

    static let maxProblems = 50

    mutating func note(_ problem: String) {
        if problems.count < Self.maxProblems { problems.append(problem) }
    }

    var line: String {
        "\(kind) \(source): \(records) record(s): \(created) new, \(updated) updated, \(unchanged) unchanged, \(skipped) skipped"
            + String(format: " in %.1f s", seconds)
    }
}
