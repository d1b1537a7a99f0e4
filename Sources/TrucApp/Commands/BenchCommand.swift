import Fluent
import Foundation
import TrucCore
import Vapor

/// `truc bench match [--assets N] [FILE...]`: imports the given NVD feeds (timed), loads the knowledge base into the
/// matching index, generates N synthetic assets shaped like real inventories and matches them all, printing
/// CVEs/s imported, assets/s matched and peak memory. Run it on a scratch database
/// (`TRUC_SQLITE_PATH=/tmp/bench.sqlite`): a second run finds the feeds already imported.
struct BenchCommand: AnyAsyncCommand {
    var help: String {
        "Benchmarks: `bench match [--assets N] [--seed S] [NVD-FILE...]`, `bench monitor [--monitors N] [--interval S] [--duration S]`, "
            + "`bench vcard [--contacts N]`"
    }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("""
        Usage: truc bench match [--assets N] [--seed S] [NVD-FILE...]
          Imports the NVD files (if given), then matches N synthetic assets (default 100000) against the knowledge base.
          Use a scratch database: TRUC_SQLITE_PATH=/tmp/bench.sqlite truc bench match ../shared/data/nvd/*.json.gz
        Usage: truc bench monitor [--monitors N] [--interval S] [--duration S] [--concurrency C] [--tcp-share F]
          Runs N monitors (default 10000, every 60 s) against HTTP/TCP targets on 127.0.0.1 and prints probes/s,
          schedule lag p50/p99, CPU and memory. Use a scratch database: TRUC_SQLITE_PATH=/tmp/bench-monitor.sqlite
        Usage: truc bench vcard [--contacts N]
          Builds N contacts (default 2000) with every text field at its length limit and exports them as vCard 4.0 with
          the TrucCore writer, in memory (no database, no HTTP); prints the time and the size of the export.
        """.consoleText())
    }

    func run(using context: inout CommandContext) async throws {
        var arguments = context.input.arguments
        if arguments.first == "monitor" {
            try await MonitorBench.run(Array(arguments.dropFirst()), app: context.application, console: context.console)
            return
        }
        if arguments.first == "vcard" {
            try VCardBench.run(Array(arguments.dropFirst()), console: context.console)
            return
        }
        guard arguments.first == "match" else {
            try outputHelp(using: &context)
            throw FeedCommand.Failure("unknown benchmark; try: truc bench match, truc bench monitor, truc bench vcard")
        }
        arguments.removeFirst()
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
        let app = context.application
        let console = context.console
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
            throw FeedCommand.Failure("the knowledge base is empty: give NVD files, e.g. truc bench match ../shared/data/nvd/*.json.gz")
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
        console.output("peak memory (max RSS): \(Self.peakMemoryMB()) MB".consoleText())
    }

    static func peakMemoryMB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
