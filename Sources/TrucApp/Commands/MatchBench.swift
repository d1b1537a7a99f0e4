import Fluent
import Foundation
import TrucCore
import Vapor

/// `truc-bench match [--assets N] [--seed S] [FILE...]`: imports the given NVD feeds (timed), loads the knowledge base
/// into the matching index, generates N synthetic assets shaped like real inventories and matches them all, printing
/// CVEs/s imported, assets/s matched and peak memory. Run it on a scratch database
/// (`TRUC_SQLITE_PATH=/tmp/bench.sqlite`): a second run finds the feeds already imported.
enum MatchBench {
    static func run(_ arguments: [String], app: Application, console: any Console) async throws {
        var assetCount = 100_000
        var seed: UInt64 = 2026
        var files: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--assets", "--seed":
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")), value > 0 else {
                    throw FeedCommand.Failure("\(argument) needs a positive number")
                }
                if argument == "--assets" { assetCount = value } else { seed = UInt64(value) }
                index += 2
            default:
                files.append(argument)
                index += 1
            }
        }
        let progress = TerminalProgress()
        if !files.isEmpty {
            var total = FeedImportReport(kind: "nvd", source: "\(files.count) file(s)")
            let started = Date()
            for file in files {
                let (report, _) = try await FeedImporter.importNVD(file, on: app.db, zone: app.config.timeZone, match: false) { progress.update($0) }
                progress.finish()
                console.output("  \(report.line)".consoleText())
                total.records += report.records
                total.created += report.created
                total.updated += report.updated
                total.unchanged += report.unchanged
                total.skipped += report.skipped
            }
            let seconds = Date().timeIntervalSince(started)
            console.output(String(format: "import: %d CVE records in %.2f s = %.0f CVEs/s (%d new, %d updated, %d unchanged, %d skipped)",
                                  total.records, seconds, Double(total.records) / max(seconds, 0.001), total.created, total.updated,
                                  total.unchanged, total.skipped).consoleText())
        }
        var clock = Date()
        let (vulnerabilityIndex, _) = try await MatchingService.loadIndex(cveIDs: nil, on: app.db)
        let loadSeconds = Date().timeIntervalSince(clock)
        console.output(String(format: "index: %d CVEs with configurations, %d products, loaded from the database in %.2f s",
                              vulnerabilityIndex.count, vulnerabilityIndex.productKeys.count, loadSeconds).consoleText())
        guard vulnerabilityIndex.count > 0 else {
            throw FeedCommand.Failure("the knowledge base is empty: give NVD files, e.g. truc-bench match ../shared/data/nvd/*.json.gz")
        }
        clock = Date()
        var generator = SyntheticAssets(index: vulnerabilityIndex, seed: seed)
        let assets = generator.generate(assetCount).map { $0.map(CPETarget.init) }
        let names = assets.reduce(0) { $0 + $1.count }
        console.output(String(format: "assets: %d synthetic assets (%d CPE names) generated in %.2f s", assets.count, names,
                              Date().timeIntervalSince(clock)).consoleText())
        clock = Date()
        let results = vulnerabilityIndex.matchAll(assets)
        let matchSeconds = Date().timeIntervalSince(clock)
        let findings = results.reduce(0) { $0 + $1.count }
        let certain = results.reduce(0) { $0 + $1.filter { $0.verdict == .match }.count }
        let affected = results.filter { !$0.isEmpty }.count
        console.output(String(format: "match: %d assets in %.2f s = %.0f assets/s on %d core(s); %d affected assets, %d findings (%d certain, %d possible)",
                              assets.count, matchSeconds, Double(assets.count) / max(matchSeconds, 0.001),
                              ProcessInfo.processInfo.activeProcessorCount, affected, findings, certain, findings - certain).consoleText())
        console.output("peak memory (max RSS): \(BenchMeasure.peakMemoryMB()) MB".consoleText())
    }

}
