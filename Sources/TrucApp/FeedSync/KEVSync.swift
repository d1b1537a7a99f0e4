import Fluent
import Foundation
import SQLKit
import TrucCore
import TrucNet

/// The CISA KEV catalog by conditional GET: `If-None-Match` / `If-Modified-Since` from the last full answer, so an
/// unchanged catalog costs one small 304; a new one goes through the same rules as `import-kev`.
enum KEVSync {
    static let limit = 64 << 20

    static func run(source: FeedSource, url: URL, env: FeedSyncEnvironment) async throws -> SyncTally {
        var tally = SyncTally()
        let response = try await ConditionalGet.fetch(source: source, url: url, limit: limit, env: env, tally: &tally)
        guard let response else {
            tally.note("not modified since the last run (HTTP 304)")
            return tally
        }
        let report: FeedImportReport
        do {
            report = try await FeedImporter.importKEV(data: Data(response.body), name: FeedSyncError.redacted(url), on: env.db, zone: env.zone)
        } catch let error as FeedError {
            throw FeedSyncError("the KEV catalog could not be read: \(error.english)")
        }
        tally.add(report)
        try await ConditionalGet.remember(response, sourceID: try source.requireID(), on: env.db)
        return tally
    }
}

/// Conditional GET for whole-file sources (KEV, EPSS).
enum ConditionalGet {
    /// The new document, or nil when the server says it has not changed (304).
    static func fetch(source: FeedSource, url: URL, limit: Int, env: FeedSyncEnvironment,
                      tally: inout SyncTally) async throws -> FeedResponse? {
        var headers: [(String, String)] = []
        if let etag = source.etag, !etag.isEmpty { headers.append(("If-None-Match", etag)) }
        if let modified = source.lastModified, !modified.isEmpty { headers.append(("If-Modified-Since", modified)) }
        let response = try await FeedRequester.get(url, headers: headers, limit: limit, accept: [200, 304], env: env,
                                                   tally: &tally) { $0 }
        return response.status == 304 ? nil : response
    }

    /// Keeps the validators of a document that was applied.
    static func remember(_ response: FeedResponse, sourceID: UUID, on db: any Database) async throws {
        try await VulnerabilityStore.sql(db).update(FeedSource.schema)
            .set("etag", to: SQLBind(response.header("ETag").map { String($0.prefix(500)) }))
            .set("last_modified", to: SQLBind(response.header("Last-Modified").map { String($0.prefix(100)) }))
            .where("id", .equal, SQLBind(sourceID)).run()
    }
}
