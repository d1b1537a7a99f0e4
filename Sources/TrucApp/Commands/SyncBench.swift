import Fluent
import Foundation
import NIOConcurrencyHelpers
import TrucCore
import TrucNet
import Vapor

/// `truc-bench sync [--assets N] [--changes N] [--no-limit] NVD-FILE...`: the NVD CVE API 2.0 sync against a fake NVD
/// on loopback serving the given NVD files as API pages of 2,000. Prints the first load (pages, records/s, with
/// NVD's keyed rate limit of 50 requests per 30 s unless `--no-limit`), then an incremental run after N records
/// changed (default 2,000), with the rematch of the changed CVEs against the inventory (N synthetic assets are
/// added first when the database has fewer, default 10,000, and matched against those CVEs before they change, as
/// a running province's inventory is: that matching is timed and printed apart). Use a scratch database:
/// `TRUC_SQLITE_PATH=/tmp/bench-sync.sqlite truc-bench sync /tmp/nvd-scale/*.json.gz` (files from
/// `../shared/tools/nvd-scale`).
public enum SyncBench {
    /// A fake NVD API on loopback: its base URL, a way to replace the records it serves, and a stop.
    public struct FakeNVD: Sendable {
        public var url: URL
        public var setRecords: @Sendable ([CVERecord]) -> Void
        public var stop: @Sendable () async -> Void

        public init(url: URL, setRecords: @escaping @Sendable ([CVERecord]) -> Void, stop: @escaping @Sendable () async -> Void) {
            self.url = url
            self.setRecords = setRecords
            self.stop = stop
        }
    }

    public typealias Starter = @Sendable (_ records: [CVERecord]) async throws -> FakeNVD

    static func run(_ arguments: [String], app: Application, console: any Console, startNVD: Starter) async throws {
        var assetCount = 10_000
        var changeCount = 2_000
        var limited = true
        var files: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--assets", "--changes":
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")), value >= 0 else {
                    throw FeedCommand.Failure("\(argument) needs a number")
                }
                if argument == "--assets" { assetCount = value } else { changeCount = value }
                index += 2
            case "--no-limit":
                limited = false
                index += 1
            default:
                files.append(argument)
                index += 1
            }
        }
        guard !files.isEmpty else { throw FeedCommand.Failure("give NVD files: truc-bench sync ../shared/data/nvd/*.json.gz") }
        let progress = TerminalProgress()

        // The records the fake NVD serves.
        var clock = Date()
        var records: [CVERecord] = []
        for file in files {
            var reader = NVDFeedReader()
            _ = try await FeedFile.read(file, process: { chunk in
                for item in try reader.feed(chunk) { if case .record(let record) = item { records.append(record) } }
            }, drain: {})
            for item in try reader.finish() { if case .record(let record) = item { records.append(record) } }
            progress.update("read \(records.count) records")
        }
        progress.finish()
        // Every record modified before the sync starts, so that the first load covers them all.
        let before = Date().addingTimeInterval(-3600)
        for i in records.indices where (records[i].lastModified ?? before) > before { records[i].lastModified = before }
        console.output(String(format: "corpus: %d CVE records from %d file(s) read in %.1f s", records.count, files.count,
                              Date().timeIntervalSince(clock)).consoleText())

        let nvd = try await startNVD(records)
        defer { Task { await nvd.stop() } }
        let limiters = limited ? app.feedRateLimiters : FeedRateLimiters(unlimited: true)
        let env = FeedSyncEnvironment(db: app.db, zone: app.config.timeZone,
                                      fetcher: FeedFetcher(clients: app.outbound.feedClients, outbound: app.outbound.operatorGuard()),
                                      limiters: limiters, logger: app.logger, progress: { progress.update($0) })
        let service = FeedSyncService(env: env, owner: "sync-bench-" + UUID().uuidString)
        guard let source = try await FeedSource.query(on: app.db).filter(\.$kind == .nvd).first() else {
            throw FeedCommand.Failure("no NVD source in the database")
        }
        source.cursor = ""
        try await source.save(on: app.db)

        // First load.
        let cpuBefore = BenchMeasure.cpuSeconds()
        clock = Date()
        guard case .ran(let first) = try await service.run(source, trigger: .cli, url: nvd.url, apiKey: limited ? "bench-key" : nil) else {
            throw FeedCommand.Failure("another instance holds the NVD source's lease")
        }
        progress.finish()
        let firstSeconds = Date().timeIntervalSince(clock)
        if let error = first.error { throw FeedCommand.Failure("the first load failed: \(error)") }
        console.output(String(format: "first load: %d records in %d page(s), %.1f MB, in %.1f s = %.0f records/s (%d new, %d updated, %d unchanged, %d skipped)%@; CPU %.1f s",
                              first.created + first.updated + first.unchanged + first.skipped, first.httpCalls, Double(first.bytes) / 1_048_576,
                              firstSeconds, Double(first.created + first.updated + first.unchanged) / max(firstSeconds, 0.001),
                              first.created, first.updated, first.unchanged, first.skipped,
                              limited ? ", with NVD's keyed limit of 50 requests per 30 s" : ", no rate limit",
                              BenchMeasure.cpuSeconds() - cpuBefore).consoleText())

        // The inventory the changes are rematched against.
        let assets = try await ensureAssets(assetCount, app: app, console: console)

        // Changes: N records modified now; the next run reads only the window since the first load.
        guard changeCount > 0 else { return }
        let now = Date().addingTimeInterval(-1)
        var changed = records
        let step = max(1, changed.count / max(changeCount, 1))
        var picked = 0
        var i = 0
        while picked < changeCount, i < changed.count {
            changed[i].description += " (changed)"
            changed[i].lastModified = now
            picked += 1
            i += step
        }
        nvd.setRecords(changed)
        // The inventory as a running province has it: already matched against these CVEs (a bench database gets its
        // assets without matching). Timed apart: it is what a window of that many new CVEs costs.
        let changedIDs = Set(zip(records, changed).compactMap { old, new in old.description == new.description ? nil : new.id })
        clock = Date()
        let primed = try await MatchingService.rematch(cveIDs: changedIDs, on: app.db, zone: app.config.timeZone)
        console.output(String(format: "inventory matched against the %d CVEs to change (as new CVEs would be): %@ in %.2f s",
                              changedIDs.count, primed.line, Date().timeIntervalSince(clock)).consoleText())
        clock = Date()
        guard case .ran(let second) = try await service.run(try await FeedSource.find(source.requireID(), on: app.db) ?? source,
                                                            trigger: .cli, url: nvd.url, apiKey: limited ? "bench-key" : nil) else {
            throw FeedCommand.Failure("another instance holds the NVD source's lease")
        }
        progress.finish()
        let secondSeconds = Date().timeIntervalSince(clock)
        if let error = second.error { throw FeedCommand.Failure("the incremental run failed: \(error)") }
        console.output(String(format: "incremental: %d changed record(s) in %d page(s), applied and rematched against %d asset(s) in %.2f s (%@)",
                              second.updated + second.created, second.httpCalls, assets, secondSeconds,
                              second.notes.split(separator: "\n").first.map(String.init) ?? "").consoleText())
        console.output("peak memory (max RSS): \(BenchMeasure.peakMemoryMB()) MB".consoleText())
    }

    /// Adds synthetic assets (CPE names drawn from the knowledge base) to the first unit until there are `count`.
    static func ensureAssets(_ count: Int, app: Application, console: any Console) async throws -> Int {
        let existing = try await Asset.query(on: app.db).count()
        guard existing < count else { return existing }
        guard let unit = try await OrgUnit.query(on: app.db).first() else {
            throw FeedCommand.Failure("no unit to put assets in: run truc seed-demo on the scratch database first")
        }
        let unitID = try unit.requireID()
        let clock = Date()
        let (index, _) = try await MatchingService.loadIndex(cveIDs: nil, on: app.db)
        var generator = SyntheticAssets(index: index, seed: 2026)
        let cpeLists = generator.generate(count - existing)
        var made = 0
        for chunk in stride(from: 0, to: cpeLists.count, by: 500) {
            let slice = cpeLists[chunk..<min(chunk + 500, cpeLists.count)]
            try await app.db.transaction { db in
                var created: [Asset] = []
                for (offset, cpes) in slice.enumerated() {
                    let draft = AssetDraft(kind: .server, name: "bench-\(existing + chunk + offset)", cpes: cpes)
                    let asset = Asset(unitID: unitID, systemID: nil, draft: draft)
                    try await asset.create(on: db)
                    created.append(asset)
                }
                // Their (vendor, product) rows, by which a changed CVE finds the assets it may concern.
                try await InventoryService.replaceProducts(of: created, on: db)
            }
            made += slice.count
        }
        console.output(String(format: "inventory: %d synthetic asset(s) added in %.1f s (%d in all)", made, Date().timeIntervalSince(clock),
                              existing + made).consoleText())
        return existing + made
    }
}
