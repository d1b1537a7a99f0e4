import Fluent
import Foundation
import Vapor

/// `truc match`: rematches every asset against every CVE, reopens expired risk acceptances, and prints what changed.
struct MatchCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Match every asset against the whole knowledge base and update findings" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let progress = TerminalProgress()
        let started = Date()
        let summary = try await MatchingService.matchAll(on: app.db, zone: app.config.timeZone) { done, total in
            progress.update("Matching: \(done)/\(total) asset(s)")
        }
        progress.finish()
        let reopened = try await FindingService.reopenExpiredAcceptances(on: app.db)
        context.console.success("Matching: \(summary.line)" + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        if reopened > 0 { context.console.output("\(reopened) risk acceptance(s) expired: findings reopened".consoleText()) }
    }
}
