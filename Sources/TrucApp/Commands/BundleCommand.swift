import Foundation
import TrucCore
import Vapor

/// `truc bundle keygen [-o DIR]`, `truc bundle export --since CURSOR [--key FILE] -o FILE`, `truc bundle import FILE`:
/// signed offline knowledge bundles for a closed network (see `BundleExporter`, `BundleImporter`).
struct BundleCommand: AnyAsyncCommand {
    var help: String { "Signed offline knowledge bundles: keygen, export --since CURSOR -o FILE, import FILE" }

    static let usage = """
    Usage:
      truc bundle keygen [-o DIR]                                 make an Ed25519 key pair (DIR/truc-bundle.key, mode 0600)
      truc bundle export --since CURSOR [--key FILE] -o FILE      CURSOR: an ISO-8601 instant (2025-01-31T00:00:00Z) or all
      truc bundle import FILE                                     verify with TRUC_BUNDLE_PUBLIC_KEYS, then apply
    """

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("\(help)\n\(Self.usage)".consoleText())
    }

    func run(using context: inout CommandContext) async throws {
        let arguments = context.input.arguments
        if arguments.isEmpty || arguments.contains("--help") || arguments.contains("-h") {
            try outputHelp(using: &context)
            if arguments.isEmpty { throw FeedCommand.Failure("missing subcommand") }
            return
        }
        var options: [String: String] = [:]
        var positional: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if ["-o", "--output", "--since", "--key"].contains(argument) {
                guard index + 1 < arguments.count else { throw FeedCommand.Failure("\(argument) needs a value\n\(Self.usage)") }
                options[argument == "--output" ? "-o" : argument] = arguments[index + 1]
                index += 2
            } else if argument.hasPrefix("-") {
                throw FeedCommand.Failure("unknown option \(argument)\n\(Self.usage)")
            } else {
                positional.append(argument)
                index += 1
            }
        }
        let app = context.application
        switch arguments[0] {
        case "keygen":
            let (privatePath, publicPath, key) = try BundleKeys.generate(into: options["-o"] ?? ".")
            context.console.success("Private key: \(privatePath) (mode 0600; keep it on the exporting server only, never copy it to the closed network)")
            context.console.output("Public key (also in \(publicPath)); set it on the receiving server:".consoleText())
            context.console.output("  \(BundleKeys.environmentVariable)=\(BundleKeys.publicKeyText(key))".consoleText())
            context.console.output("Key id: \(BundleKeys.keyID(key))".consoleText())
        case "export":
            guard let output = options["-o"] else { throw FeedCommand.Failure("missing -o FILE\n\(Self.usage)") }
            guard let sinceText = options["--since"] else { throw FeedCommand.Failure("missing --since CURSOR (an ISO-8601 instant, or all)\n\(Self.usage)") }
            let since: Date?
            switch Result(catching: { () throws -> Date? in try BundleCursor.parse(sinceText) }) {
            case .success(let date): since = date
            case .failure(let error): throw FeedCommand.Failure(String(describing: error))
            }
            let key = try BundleKeys.readPrivateKey(options["--key"] ?? BundleKeys.privateKeyFileName)
            let progress = TerminalProgress()
            let summary = try await BundleExporter.export(since: since, key: key, to: output, on: app.db) { progress.update($0) }
            progress.finish()
            let counts = summary.header.counts
            context.console.success("\(output): \(counts["cve"] ?? 0) CVE record(s), \(counts["kev"] ?? 0) KEV entr(ies), \(counts["csaf"] ?? 0) CSAF document(s), \(summary.fileSize) bytes, signed by key \(summary.header.keyID)")
            context.console.output("Next cursor: \(BundleCursor.format(summary.header.until))".consoleText())
            context.console.output("  (next time: truc bundle export --since \(BundleCursor.format(summary.header.until)) -o FILE)".consoleText())
        case "import":
            guard positional.count == 1 else { throw FeedCommand.Failure("one file: truc bundle import FILE") }
            let path = positional[0]
            let progress = TerminalProgress()
            do {
                let report = try await BundleImporter.importBundle(path, name: (path as NSString).lastPathComponent, publicKeys: app.bundlePublicKeys,
                                                                   on: app.db, zone: app.config.timeZone) { progress.update($0) }
                progress.finish()
                context.console.success(report.line)
                for problem in report.problems { context.console.output("  - \(problem)".consoleText()) }
                if let matching = report.matching { context.console.output("  Matching: \(matching.line)".consoleText()) }
            } catch let error as KnowledgeBundleError {
                progress.finish()
                throw FeedCommand.Failure("\(path): \(error.vietnamese) / \(error.description). Nothing was stored.")
            }
        default:
            throw FeedCommand.Failure("unknown subcommand \(arguments[0])\n\(Self.usage)")
        }
    }
}
