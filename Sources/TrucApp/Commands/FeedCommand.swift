import Fluent
import TrucCore
import Foundation
import Vapor

/// `truc import-nvd FILE...`, `import-kev FILE`, `import-csaf FILE...`, `import-cpe FILE`, `import-epss FILE`: feed imports with a
/// progress line and final counts. A file that cannot be read is reported and the others still imported; the
/// command then exits non-zero. Records already stored stay (re-importing is safe: it updates, never duplicates).
struct FeedCommand: AnyAsyncCommand {
    enum Kind: String, Sendable {
        case nvd, kev, csaf, cpe, epss
    }

    let kind: Kind

    var help: String {
        switch kind {
        case .nvd: "Import NVD CVE JSON files (1.1 feeds or API 2.0, gzip or plain), then rematch the CVEs that changed"
        case .kev: "Import the CISA Known Exploited Vulnerabilities catalog (JSON)"
        case .csaf: "Import CSAF 2.0 advisories (JSON): affected products, remediations"
        case .cpe: "Import the NVD CPE dictionary (XML, gzip or plain) used to propose CPE names"
        case .epss: "Import FIRST's daily EPSS scores (epss_scores-YYYY-MM-DD.csv, gzip or plain)"
        }
    }

    var usage: String { "truc import-\(kind.rawValue) FILE\(kind == .nvd || kind == .csaf ? "..." : "")" }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("Usage: \(usage)\n\(help)".consoleText())
    }

    func run(using context: inout CommandContext) async throws {
        let files = context.input.arguments.filter { !$0.hasPrefix("-") }
        if context.input.arguments.contains("--help") || context.input.arguments.contains("-h") {
            try outputHelp(using: &context)
            return
        }
        guard !files.isEmpty else { throw Failure("missing file: \(usage)") }
        if (kind == .kev || kind == .cpe || kind == .epss), files.count > 1 { throw Failure("one file only: \(usage)") }
        let app = context.application
        let zone = app.config.timeZone
        let progress = TerminalProgress()
        var failures: [String] = []
        var changed: Set<String> = []
        for file in files {
            do {
                switch kind {
                case .nvd:
                    let (report, ids) = try await FeedImporter.importNVD(file, on: app.db, zone: zone, match: false) { progress.update($0) }
                    progress.finish()
                    changed.formUnion(ids)
                    print(context, report)
                case .kev:
                    print(context, try await FeedImporter.importKEV(file, on: app.db, zone: zone))
                case .csaf:
                    print(context, try await FeedImporter.importCSAF(file, on: app.db, zone: zone))
                case .cpe:
                    let report = try await FeedImporter.importCPEDictionary(file, on: app.db) { progress.update($0) }
                    progress.finish()
                    await app.cpeProposals.invalidate()
                    print(context, report)
                case .epss:
                    let report = try await FeedImporter.importEPSS(file, on: app.db, zone: zone) { progress.update($0) }
                    progress.finish()
                    print(context, report)
                }
            } catch {
                progress.finish()
                failures.append("\(file): \(Self.describe(error))")
                context.console.error("\(file): \(Self.describe(error))")
            }
        }
        if kind == .nvd, !changed.isEmpty {
            context.console.output("Matching \(changed.count) changed CVE(s) against the inventory…".consoleText())
            let summary = try await MatchingService.rematch(cveIDs: changed, on: app.db, zone: zone)
            context.console.output("Matching: \(summary.line)".consoleText())
        }
        if !failures.isEmpty {
            throw Failure("\(failures.count) of \(files.count) file(s) failed; the others were imported")
        }
    }

    private func print(_ context: CommandContext, _ report: FeedImportReport) {
        context.console.success(report.line)
        for problem in report.problems { context.console.output("  - \(problem)".consoleText()) }
        if let matching = report.matching { context.console.output("  Matching: \(matching.line)".consoleText()) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? FeedError { return error.english }
        return String(describing: error)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
