import Fluent
import Foundation
import NIOPosix
import Testing
import TrucCore
import TrucTestSupport
import Vapor
@testable import TrucApp

/// `truc sync [kind] [--url URL] [--api-key KEY]`: runs a source now (here against a loopback mirror the operator
/// names), records the run like a scheduled one, and refuses bad arguments with a message and a non-zero exit.
@Suite struct SyncCommandTests {
    private func run(_ arguments: [String], on app: Application) async throws {
        app.environment.arguments = ["truc"] + arguments
        try await app.execute()
    }

    @Test func syncKEVFromALocalMirrorAndRefuseBadArguments() async throws {
        let etag = "\"mirror-1\""
        let mirror = try await LoopbackFeedServer.start(group: MultiThreadedEventLoopGroup.singleton) { head in
            if head.headers.first(name: "If-None-Match") == etag { return FeedReply(status: 304, headers: [("ETag", etag)]) }
            return FeedReply(status: 200, headers: [("Content-Type", "application/json"), ("ETag", etag)], text: FeedSourceTests.kevCatalog)
        }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4))
            let url = mirror.url(path: "/known_exploited_vulnerabilities.json").absoluteString
            try await run(["sync", "kev", "--url", url], on: app)
            #expect(try await Vulnerability.find("CVE-2099-9999", on: app.db)?.kev == true)
            var runs = try await FeedRun.query(on: app.db).sort(\.$startedAt).all()
            #expect(runs.count == 1 && runs.first?.trigger == .cli && runs.first?.error == nil && runs.first?.created == 1)
            // Again: the mirror answers 304, nothing changes.
            try await run(["sync", "kev", "--url", url], on: app)
            runs = try await FeedRun.query(on: app.db).sort(\.$startedAt).all()
            #expect(runs.count == 2 && runs.last?.notes.contains("304") == true)

            for bad in [["sync", "bogus"], ["sync", "kev", "--url", "file:///etc/passwd"], ["sync", "kev", "--api-key", "abc"],
                        ["sync", "--url", url], ["sync", "nvd", "--api-key", "has space"], ["sync", "kev", "--url"]] {
                await #expect(throws: (any Error).self, "\(bad)") { try await run(bad, on: app) }
            }
            #expect(try await FeedRun.query(on: app.db).count() == 2, "a refused command runs nothing")
        } catch {
            try? await app.asyncShutdown()
            await mirror.stop()
            throw error
        }
        try await app.asyncShutdown()
        await mirror.stop()
    }
}
