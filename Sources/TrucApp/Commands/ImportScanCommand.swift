import Fluent
import Foundation
import TrucCore
import Vapor

/// `truc import-scan --unit CODE FILE...`: imports scanner reports and SBOMs into a unit, as the upload on the
/// inventory page does (format recognised from the content; one transaction per file). Prints the counts of each
/// file; a file that cannot be imported is named with the reason, the others are still imported, and the command
/// ends non-zero.
struct ImportScanCommand: AnyAsyncCommand {
    static let usage = "truc import-scan --unit CODE FILE..."
    var help: String { "Import scanner reports or SBOMs (OpenVAS, Nessus, Nuclei, Trivy, CycloneDX) into a unit's inventory and findings" }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("Usage: \(Self.usage)\n\(help)\nFormats: \(ScanFormat.acceptedList)".consoleText())
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `--unit CODE` and the files.
    static func arguments(_ arguments: [String]) throws -> (unit: String, files: [String]) {
        var unit: String?
        var files: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--unit" {
                guard let value = rest.popFirst(), !value.hasPrefix("-") else { throw Failure("--unit needs a unit code: \(usage)") }
                unit = value
            } else if argument.hasPrefix("-") {
                throw Failure("unknown option '\(argument)': \(usage)")
            } else {
                files.append(argument)
            }
        }
        guard let unit else { throw Failure("--unit CODE is required: \(usage)") }
        guard !files.isEmpty else { throw Failure("name at least one file: \(usage)") }
        return (unit, files)
    }

    func run(using context: inout CommandContext) async throws {
        if context.input.arguments.contains("--help") || context.input.arguments.contains("-h") {
            try outputHelp(using: &context)
            return
        }
        let (code, files) = try Self.arguments(context.input.arguments)
        let app = context.application
        guard let unit = try await OrgUnit.query(on: app.db).filter(\.$code == code).first(), let unitID = unit.id else {
            throw Failure("no unit with code '\(code)'")
        }
        let limit = app.config.maxScanBytes
        var failed = 0
        for path in files {
            do {
                let url = URL(fileURLWithPath: path)
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
                guard let size else { throw Failure("cannot read the file") }
                guard size <= limit else { throw Failure("the file is \(size) bytes, over the limit of \(limit / 1_048_576) MB (TRUC_SCAN_MAX_MB)") }
                context.console.output("\(path): reading \(size) bytes…".consoleText())
                let started = Date()
                let data = try Data(contentsOf: url)
                let summary = try await ScanImportService.importFile(data, fileName: url.lastPathComponent, unitID: unitID, by: nil,
                                                                     on: app.db, zone: app.config.timeZone)
                context.console.success("\(path): \(summary.line)" + String(format: " in %.1f s", Date().timeIntervalSince(started)))
                context.console.output("  matching: \(summary.matching.line)".consoleText())
                for problem in summary.problems.prefix(20) { context.console.output("  - \(problem)".consoleText()) }
            } catch let error as AbortError {
                failed += 1
                context.console.error("\(path): \(error.reason)")
            } catch {
                failed += 1
                context.console.error("\(path): \(error)")
            }
        }
        if failed > 0 { throw Failure("\(failed) of \(files.count) file(s) not imported") }
    }
}
