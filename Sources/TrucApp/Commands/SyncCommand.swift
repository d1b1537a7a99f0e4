import Fluent
import Foundation
import TrucCore
import Vapor

/// `truc sync [nvd|kev|epss|csaf] [--url URL] [--api-key KEY]`: runs syncs now, with a progress line and the counts.
/// Without a kind, every enabled source. `--url` replaces the configured address for this run (a local mirror, a
/// test server: the operator's choice, so loopback and private addresses are allowed); for `csaf` it names the
/// provider's metadata URL (a provider source is added, off the schedule, when none has that URL). The run is
/// recorded on /feeds like a scheduled one; a source another instance is syncing is left alone.
struct SyncCommand: AnyAsyncCommand {
    struct Signature {
        var kind: String?
        var url: String?
        var apiKey: String?

        /// Parses `[KIND] [--url URL] [--api-key KEY]`.
        init(_ arguments: [String]) throws {
            var rest = arguments[...]
            while let argument = rest.popFirst() {
                switch argument {
                case "--url":
                    guard let value = rest.popFirst() else { throw SyncFailure("--url needs an address") }
                    url = value
                case "--api-key":
                    guard let value = rest.popFirst() else { throw SyncFailure("--api-key needs a key") }
                    apiKey = value
                default:
                    guard !argument.hasPrefix("-"), kind == nil else { throw SyncFailure("unexpected '\(argument)': \(SyncCommand.usage)") }
                    kind = argument
                }
            }
        }
    }

    static let usage = "truc sync [nvd|kev|epss|csaf] [--url URL] [--api-key KEY]"
    var help: String { "Sync the knowledge base now from NVD, KEV, EPSS or the CSAF providers (as the schedule does)" }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("Usage: \(Self.usage)\n\(help)".consoleText())
    }

    func run(using context: inout CommandContext) async throws {
        if context.input.arguments.contains("--help") || context.input.arguments.contains("-h") {
            try outputHelp(using: &context)
            return
        }
        let signature = try Signature(context.input.arguments)
        let app = context.application
        var kind: FeedSourceKind?
        if let text = signature.kind {
            guard let parsed = FeedSourceKind(rawValue: text.lowercased()) else {
                throw SyncFailure("unknown source '\(text)': use nvd, kev, epss or csaf")
            }
            kind = parsed
        }
        var url: URL?
        if let text = signature.url {
            do {
                let settings = try FeedSourceSettings(kind: kind ?? .nvd, name: nil, url: text, intervalMinutes: nil, enabled: true)
                url = URL(string: settings.url)
            } catch {
                throw SyncFailure("--url: \(error.english)")
            }
            guard kind != nil else { throw SyncFailure("--url needs a source kind: truc sync nvd --url URL") }
        }
        if let key = signature.apiKey {
            guard FeedSourceSettings.validAPIKey(key) else { throw SyncFailure("--api-key: \(FeedSourceSettingsError.invalidAPIKey.english)") }
            guard kind == .nvd else { throw SyncFailure("--api-key is for nvd only") }
        }
        var sources = try await FeedSource.query(on: app.db).sort(\.$kind).sort(\.$name).all()
        if let kind {
            sources = sources.filter { $0.kind == kind }
            if kind == .csaf, let url {
                sources = sources.filter { $0.url == url.absoluteString }
                if sources.isEmpty {
                    let settings = try FeedSourceSettings(kind: .csaf, name: url.host, url: url.absoluteString, intervalMinutes: nil, enabled: false)
                    let source = FeedSource(kind: .csaf, settings: settings, nextRunAt: Date())
                    try await source.create(on: app.db)
                    sources = [source]
                }
            }
        } else {
            sources = sources.filter(\.enabled)
        }
        guard !sources.isEmpty else { throw SyncFailure("no source to sync (add one on /feeds)") }
        let progress = TerminalProgress()
        let service = await FeedSyncScheduler.service(app: app, owner: "sync-command-" + UUID().uuidString, trigger: .cli,
                                                      operatorURL: url != nil) { progress.update($0) }
        var failed = 0
        for source in sources {
            let outcome = try await service.run(source, trigger: .cli, url: source.kind == .csaf ? nil : url, apiKey: signature.apiKey)
            progress.finish()
            switch outcome {
            case .busy:
                failed += 1
                context.console.error("\(source.kind.rawValue) \(source.name): another instance is syncing this source now; try again later")
            case .ran(let run):
                let line = "\(source.kind.rawValue) \(source.name): \(run.httpCalls) HTTP call(s), \(run.bytes) bytes: \(run.created) new, \(run.updated) updated, \(run.unchanged) unchanged, \(run.skipped) skipped"
                    + String(format: " in %.1f s", (run.finishedAt ?? run.startedAt).timeIntervalSince(run.startedAt))
                if let error = run.error {
                    failed += 1
                    context.console.error(line + " — failed: \(error)")
                } else {
                    context.console.success(line)
                }
                for note in run.notes.split(separator: "\n").prefix(20) { context.console.output("  - \(note)".consoleText()) }
            }
        }
        if failed > 0 { throw SyncFailure("\(failed) of \(sources.count) source(s) failed") }
    }

    struct SyncFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
