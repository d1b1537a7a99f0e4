import Fluent
import Foundation
import TrucCore

/// One run of a source's sync: when, what started it, HTTP calls, bytes, record counts, error.
final class FeedRun: Model, @unchecked Sendable {
    static let schema = "feed_runs"

    enum Trigger: String, Codable, Sendable {
        case schedule, cli, web
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "source_id") var source: FeedSource
    @Field(key: "kind") var kind: FeedSourceKind
    @Field(key: "trigger") var trigger: Trigger
    @Field(key: "started_at") var startedAt: Date
    /// Nil while running (or when the instance stopped in the middle).
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Field(key: "http_calls") var httpCalls: Int
    @Field(key: "bytes") var bytes: Int
    @Field(key: "created") var created: Int
    @Field(key: "updated") var updated: Int
    @Field(key: "unchanged") var unchanged: Int
    @Field(key: "skipped") var skipped: Int
    @OptionalField(key: "error") var error: String?
    /// Skipped records and other notes, one per line (at most 50).
    @Field(key: "notes") var notes: String

    init() {}

    init(source: FeedSource, trigger: Trigger, startedAt: Date) throws {
        self.$source.id = try source.requireID()
        self.kind = source.kind
        self.trigger = trigger
        self.startedAt = startedAt
        self.httpCalls = 0
        self.bytes = 0
        self.created = 0
        self.updated = 0
        self.unchanged = 0
        self.skipped = 0
        self.notes = ""
    }

    func record(_ tally: SyncTally) {
        httpCalls = tally.httpCalls
        bytes = tally.bytes
        created = tally.created
        updated = tally.updated
        unchanged = tally.unchanged
        skipped = tally.skipped
        notes = tally.notes.joined(separator: "\n")
    }
}
