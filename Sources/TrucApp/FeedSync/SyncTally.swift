import Foundation
import TrucNet

/// What one sync run did: HTTP calls and bytes received, records new, updated, unchanged and skipped, and notes
/// (skipped records with their reasons, refused documents…; at most `maxNotes`).
struct SyncTally: Sendable, Equatable, Codable {
    var httpCalls = 0
    var bytes = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    var skipped = 0
    var notes: [String] = []

    static let maxNotes = 50

    mutating func note(_ text: String) {
        if notes.count < Self.maxNotes { notes.append(text) }
    }

    /// Counts one answer received.
    mutating func count(_ response: FeedResponse) {
        httpCalls += 1
        bytes += response.body.count
    }

    /// Adds the HTTP calls, bytes, counts and notes of another tally.
    mutating func add(_ other: SyncTally) {
        httpCalls += other.httpCalls
        bytes += other.bytes
        created += other.created
        updated += other.updated
        unchanged += other.unchanged
        skipped += other.skipped
        for text in other.notes { note(text) }
    }

    /// Adds the counts and notes of one import.
    mutating func add(_ report: FeedImportReport) {
        created += report.created
        updated += report.updated
        unchanged += report.unchanged
        skipped += report.skipped
        for problem in report.problems { note(problem) }
    }

    var line: String {
        "\(httpCalls) HTTP call(s), \(bytes) bytes: \(created) new, \(updated) updated, \(unchanged) unchanged, \(skipped) skipped"
    }
}
