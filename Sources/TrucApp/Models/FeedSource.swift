import Fluent
import Foundation
import TrucCore

/// A knowledge source kept current by the scheduler (NVD API, KEV, EPSS, a CSAF provider): its address, key,
/// interval, and where its sync stands.
final class FeedSource: Model, @unchecked Sendable {
    static let schema = "feed_sources"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: FeedSourceKind
    @Field(key: "name") var name: String
    @Field(key: "url") var url: String
    /// A secret (NVD API key): stored, shown once when entered, never logged or returned.
    @OptionalField(key: "api_key") var apiKey: String?
    @Field(key: "interval_minutes") var intervalMinutes: Int
    @Field(key: "enabled") var enabled: Bool
    /// The kind's own sync state as JSON (`NVDSyncCursor`, the CSAF provider's cursor…); "" before the first run.
    @Field(key: "cursor") var cursor: String
    /// Validators of the last full answer, for conditional GET.
    @OptionalField(key: "etag") var etag: String?
    @OptionalField(key: "last_modified") var lastModified: String?
    @Field(key: "next_run_at") var nextRunAt: Date
    @OptionalField(key: "last_run_at") var lastRunAt: Date?
    @OptionalField(key: "last_success_at") var lastSuccessAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    /// Runs failed in a row.
    @Field(key: "failures") var failures: Int
    /// Set by "run now" (web or API): the next scheduler tick runs the source even when it is off or not due.
    @OptionalField(key: "run_requested_at") var runRequestedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(kind: FeedSourceKind, settings: FeedSourceSettings, nextRunAt: Date) {
        self.kind = kind
        self.name = settings.name
        self.url = settings.url
        self.intervalMinutes = settings.intervalMinutes
        self.enabled = settings.enabled
        self.cursor = ""
        self.nextRunAt = nextRunAt
        self.failures = 0
    }

    /// Runs failed in a row from which the home page warns coordinators.
    static let failuresShown = 2
}
