import Fluent
import Foundation
import NIOPosix
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
@testable import TrucApp

/// Fake feed services and sync environments for the feed sync tests.
enum FeedSyncFixture {
    static let group = MultiThreadedEventLoopGroup.singleton

    /// `count` CVE records cloned from the core fixtures with ids CVE-2099-1xxxxx, modified one hour apart
    /// counting back from `modifiedUntil`.
    static func records(_ count: Int, modifiedUntil: Date = Date()) throws -> [CVERecord] {
        var base: [CVERecord] = []
        for name in ["nvd11-struts.json", "nvd11-cisco-ios.json", "nvd11-microsoft.json", "nvd11-router-firmware-hardware.json", "nvd2-records.json"] {
            var reader = NVDFeedReader()
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: VulnerabilityFixtures.coreFixture(name))))
            for item in try reader.feed(bytes) + reader.finish() {
                if case .record(let record) = item { base.append(record) }
            }
        }
        // Whole seconds, as NVD's timestamps (milliseconds) can carry them.
        let until = Date(timeIntervalSince1970: modifiedUntil.timeIntervalSince1970.rounded(.down))
        return (0..<count).map { index in
            var record = base[index % base.count]
            record.id = String(format: "CVE-2099-1%05d", index)
            record.lastModified = until.addingTimeInterval(-Double(index) * 3600)
            record.problems = []
            return record
        }
    }

    /// An environment on the world's database that fetches from loopback, with `clock` for time and limits.
    static func environment(_ w: TestWorld, clock: VirtualClock,
                            afterPage: @escaping @Sendable (Int) async throws -> Void = { _ in }) -> FeedSyncEnvironment {
        var env = FeedSyncEnvironment(db: w.db, zone: w.app.config.timeZone,
                                      fetcher: FeedFetcher(clients: w.app.outbound.feedClients, outbound: w.app.outbound.operatorGuard()),
                                      limiters: FeedRateLimiters(clock: clock.feedClock), logger: w.app.logger)
        env.clock = clock.feedClock
        env.afterPage = afterPage
        env.requestTimeout = .seconds(20)
        return env
    }

    static func source(_ kind: FeedSourceKind, on db: any Database) async throws -> FeedSource {
        guard let source = try await FeedSource.query(on: db).filter(\.$kind == kind).first() else {
            throw Abort(.internalServerError, reason: "no \(kind) source")
        }
        return source
    }

    static func storedIDs(on db: any Database) async throws -> [String] {
        try await Vulnerability.query(on: db).all(\.$id).compactMap { $0 }.sorted()
    }
}
