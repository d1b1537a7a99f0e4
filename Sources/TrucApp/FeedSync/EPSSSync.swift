import Foundation
import TrucCore
import TrucNet

/// FIRST's daily EPSS file by conditional GET: an unchanged file costs one small 304; a new one is written to a
/// private temporary file and goes through `import-epss` (one transaction: a cut or damaged file stores nothing).
enum EPSSSync {
    /// The full gzip file is about 10 MB; the limit leaves room for growth.
    static let limit = 128 << 20

    static func run(source: FeedSource, url: URL, env: FeedSyncEnvironment) async throws -> SyncTally {
        var tally = SyncTally()
        guard let response = try await ConditionalGet.fetch(source: source, url: url, limit: limit, env: env, tally: &tally) else {
            tally.note("not modified since the last run (HTTP 304)")
            return tally
        }
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("truc-epss-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? manager.removeItem(at: directory) }
        let name = url.lastPathComponent.isEmpty ? "epss_scores-current.csv.gz" : url.lastPathComponent
        let file = directory.appendingPathComponent(name)
        try Data(response.body).write(to: file)
        let report: FeedImportReport
        do {
            report = try await FeedImporter.importEPSS(file.path, name: FeedSyncError.redacted(url), on: env.db, zone: env.zone,
                                                       progress: { env.progress("EPSS: \($0)") })
        } catch let error as FeedError {
            throw FeedSyncError("the EPSS file could not be read: \(error.english)")
        }
        tally.add(report)
        try await ConditionalGet.remember(response, sourceID: try source.requireID(), on: env.db)
        return tally
    }
}
