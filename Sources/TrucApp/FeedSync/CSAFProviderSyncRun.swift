import Fluent
import Foundation
import SQLKit
import TrucCore

/// One scheduled (or `truc sync csaf`) run of a CSAF provider: `CSAFProviderSync` from the source's stored cursor,
/// and the new cursor stored with the source once the run is done (documents are imported one by one, each whole,
/// so a run stopped in the middle fetches again only what it had not imported).
enum CSAFProviderSyncRun {
    static func run(source: FeedSource, url: URL, env: FeedSyncEnvironment) async throws -> SyncTally {
        let cursor = decode(source.cursor)
        var options = CSAFProviderSync.Options.standard
        options.now = env.clock.now
        let (tally, next) = try await CSAFProviderSync.run(metadataURL: url, cursor: cursor, fetcher: env.fetcher,
                                                           verifier: env.signatureVerifier, on: env.db, zone: env.zone,
                                                           options: options, progress: env.progress)
        let text = String(decoding: try JSONEncoder.feedCursor.encode(next), as: UTF8.self)
        try await VulnerabilityStore.sql(env.db).update(FeedSource.schema).set("cursor", to: SQLBind(text))
            .where("id", .equal, SQLBind(try source.requireID())).run()
        return tally
    }

    static func decode(_ text: String) -> CSAFSyncCursor {
        guard !text.isEmpty, let cursor = try? JSONDecoder.feedCursor.decode(CSAFSyncCursor.self, from: Data(text.utf8)) else {
            return CSAFSyncCursor()
        }
        return cursor
    }
}
