import Fluent
import Foundation
import TrucCore
import Vapor

/// `truc-bench scan [--hosts N] [--results N] [--evidence N] [SAMPLE.nessus]`: builds a Nessus v2 report of N hosts
/// (default 5,000) and N results (default 100,000) from the report items of a real sample (default
/// `../shared/data/scans/nessus/nessus_with_cvssv3.nessus`: 49 items, 26 of them findings naming 136 CVEs), each
/// item's plugin output cut to `--evidence` characters (default 300), then imports it into a unit `BENCH-SCAN`
/// (created when missing) and re-imports it with one result in twenty gone, which closes those findings. Prints
/// the size of the report, the time to read it, the time of each import with its counts, and the peak memory.
/// Use a scratch database: `TRUC_SQLITE_PATH=/tmp/bench-scan.sqlite truc-bench scan`.
enum ScanBench {
    static func run(_ arguments: [String], app: Application, console: any Console) async throws {
        var hosts = 5_000
        var results = 100_000
        var evidence = 300
        var sample = "../shared/data/scans/nessus/nessus_with_cvssv3.nessus"
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--hosts", "--results", "--evidence":
                guard let text = rest.popFirst(), let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
                    throw FeedCommand.Failure("\(argument) needs a positive number")
                }
                switch argument {
                case "--hosts": hosts = value
                case "--results": results = value
                default: evidence = value
                }
            default:
                sample = argument
            }
        }
        guard results >= hosts else { throw FeedCommand.Failure("--results must be at least --hosts") }
        let sampleText = try String(contentsOfFile: sample, encoding: .utf8)
        let items = Self.items(of: sampleText, evidence: evidence)
        guard !items.isEmpty else { throw FeedCommand.Failure("\(sample) has no <ReportItem>") }

        var started = Date()
        let full = Self.report(hosts: hosts, results: results, items: items, drop: nil)
        let rescan = Self.report(hosts: hosts, results: results, items: items, drop: 20)
        console.output("report: \(hosts) hosts, \(results) results from \(items.count) sample items, \(full.count / 1_048_576) MB (built in \(Self.seconds(started)))".consoleText())

        started = Date()
        let report = try ScanReport.parse(full)
        console.output("parse: \(report.hosts.count) hosts, \(report.results.count) results, \(report.findingResults.count) finding results, \(report.cveIDs.count) CVEs in \(Self.seconds(started))".consoleText())

        let unit: OrgUnit
        if let existing = try await OrgUnit.query(on: app.db).filter(\.$code == "BENCH-SCAN").first() {
            unit = existing
        } else {
            unit = OrgUnit(parentID: nil, code: "BENCH-SCAN", name: "Đơn vị đo quét", kind: .stateAgency)
            try await unit.create(on: app.db)
        }
        let unitID = try unit.requireID()
        let zone = app.config.timeZone

        started = Date()
        var times = PhaseTimes()
        let first = try await ScanImportService.importReport(report, data: full, fileName: "bench-full.nessus", unitID: unitID,
                                                             by: nil, on: app.db, zone: zone, times: times)
        let firstTime = Date().timeIntervalSince(started)
        console.output("import: \(first.line) in \(String(format: "%.1f s", firstTime)) (\(String(format: "%.0f", Double(results) / firstTime)) results/s)".consoleText())
        console.output("  phases: \(times.line)".consoleText())

        started = Date()
        let rescanReport = try ScanReport.parse(rescan)
        let parseTime = Self.seconds(started)
        times = PhaseTimes()
        let second = try await ScanImportService.importReport(rescanReport, data: rescan, fileName: "bench-rescan.nessus", unitID: unitID,
                                                              by: nil, on: app.db, zone: zone, times: times)
        console.output("rescan (parse and import, 1 result in 20 gone): \(second.line) in \(Self.seconds(started)) (parse \(parseTime))".consoleText())
        console.output("  phases: \(times.line)".consoleText())
        console.output("peak memory: \(BenchMeasure.peakMemoryMB()) MB, CPU \(String(format: "%.1f s", BenchMeasure.cpuSeconds()))".consoleText())
    }

    static func seconds(_ since: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(since)) }

    /// The `<ReportItem …>…</ReportItem>` elements of the sample, plugin outputs cut to `evidence` characters.
    static func items(of text: String, evidence: Int) -> [String] {
        var items: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<ReportItem "), let end = rest.range(of: "</ReportItem>", range: start.upperBound..<rest.endIndex) {
            var item = String(rest[start.lowerBound..<end.upperBound])
            if let open = item.range(of: "<plugin_output>"), let close = item.range(of: "</plugin_output>"), open.upperBound <= close.lowerBound {
                var output = String(item[open.upperBound..<close.lowerBound])
                if output.count > evidence {
                    output = String(output.prefix(evidence))
                    // Do not leave half an entity.
                    if let amp = output.lastIndex(of: "&"), !output[amp...].contains(";") { output = String(output[..<amp]) }
                }
                item.replaceSubrange(open.upperBound..<close.lowerBound, with: output)
            }
            items.append(item)
            rest = rest[end.upperBound...]
        }
        return items
    }

    /// A report of `hosts` hosts sharing `results` results; `drop`: every drop-th result of the full report is
    /// left out (a re-scan after fixes).
    static func report(hosts: Int, results: Int, items: [String], drop: Int?) -> Data {
        var xml = "<?xml version=\"1.0\" ?>\n<NessusClientData_v2><Report name=\"bench\">\n"
        xml.reserveCapacity(results * (items.map(\.utf8.count).reduce(0, +) / items.count + 100))
        var index = 0
        for host in 0..<hosts {
            let ip = "10.\(host / 65_536 % 256).\(host / 256 % 256).\(host % 256)"
            xml += "<ReportHost name=\"\(ip)\"><HostProperties><tag name=\"host-ip\">\(ip)</tag><tag name=\"operating-system\">Linux Kernel 5.4</tag></HostProperties>\n"
            let count = results / hosts + (host < results % hosts ? 1 : 0)
            for offset in 0..<count {
                defer { index += 1 }
                if let drop, index % drop == drop - 1 { continue }
                xml += items[(host + offset) % items.count]
                xml += "\n"
            }
            xml += "</ReportHost>\n"
        }
        xml += "</Report></NessusClientData_v2>\n"
        return Data(xml.utf8)
    }
}
