import Foundation
import TrucCore
import Vapor

/// A feed source as the API shows it. The API key is never returned, except in the answer to the change that set
/// it (`apiKey`), once.
struct FeedSourceDTO: Content, Equatable {
    var id: UUID
    var kind: FeedSourceKind
    var name: String
    var url: String
    var intervalMinutes: Int
    var enabled: Bool
    var apiKeySet: Bool
    var apiKey: String?
    var state: String
    var nextRunAt: Date
    var runRequested: Bool
    var lastRunAt: Date?
    var lastSuccessAt: Date?
    var lastError: String?
    var failures: Int

    init(_ source: FeedSource, revealing key: String? = nil) throws {
        id = try source.requireID()
        kind = source.kind
        name = source.name
        url = source.url
        intervalMinutes = source.intervalMinutes
        enabled = source.enabled
        apiKeySet = source.apiKey != nil
        apiKey = key
        state = source.stateSummary
        nextRunAt = source.nextRunAt
        runRequested = source.runRequestedAt != nil
        lastRunAt = source.lastRunAt
        lastSuccessAt = source.lastSuccessAt
        lastError = source.lastError
        failures = source.failures
    }
}

/// One recorded run, as the API shows it.
struct FeedRunDTO: Content, Equatable {
    var id: UUID
    var sourceID: UUID
    var kind: FeedSourceKind
    var trigger: String
    var startedAt: Date
    var finishedAt: Date?
    var httpCalls: Int
    var bytes: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var error: String?
    var notes: [String]

    init(_ run: FeedRun) throws {
        id = try run.requireID()
        sourceID = run.$source.id
        kind = run.kind
        trigger = run.trigger.rawValue
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        httpCalls = run.httpCalls
        bytes = run.bytes
        created = run.created
        updated = run.updated
        unchanged = run.unchanged
        skipped = run.skipped
        error = run.error
        notes = run.notes.split(separator: "\n").map(String.init)
    }
}

extension FeedSource {
    /// Where the sync stands, in a few words ("first load, next record 4000", "changes since …", "ETag …").
    var stateSummary: String {
        switch kind {
        case .nvd:
            cursor.isEmpty ? "first load not started" : NVDSync.decode(cursor).summary
        default:
            lastSuccessAt == nil ? "never synced" : (etag.map { "ETag \($0.prefix(40))" } ?? lastModified.map { "Last-Modified \($0)" } ?? "synced")
        }
    }
}
