import Fluent
import Foundation

/// One run of a feed import (NVD, KEV, CSAF, CPE dictionary) and its counts, shown on the data sources page.
final class FeedImport: Model, @unchecked Sendable {
    static let schema = "feed_imports"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "source") var source: String
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "finished_at") var finishedAt: Date
    @Field(key: "records") var records: Int
    @Field(key: "created") var created: Int
    @Field(key: "updated") var updated: Int
    @Field(key: "unchanged") var unchanged: Int
    @Field(key: "skipped") var skipped: Int
    /// One line per notable event (skipped records with reasons, up to 50, and the matching outcome).
    @Field(key: "summary") var summary: String

    init() {}
}
