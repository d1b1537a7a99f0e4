import Fluent
import Foundation
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
@testable import TrucApp

/// The NVD CVE API 2.0 sync against a fake NVD on loopback: pages, windows of at most 120 days, the rate limit,
/// retries, cut bodies, resuming after a crash, the API key, and two instances.
@Suite struct NVDSyncTests {
    typealias F = FeedSyncFixture

    @Test(arguments: TestDatabase.available)
    func firstLoadReadsEveryPageThenOnlyChanges(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(60, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .cli, url: nvd.url) else {
                Issue.record("busy")
                return
            }
            #expect(run.error == nil)
            #expect(run.created == 60)
            #expect(try await F.storedIDs(on: w.db) == records.map(\.id).sorted())
            let requests = nvd.requests
            // Six pages of the first load, then the window from the load's start to now (empty).
            #expect(requests.prefix(6).map(\.startIndex) == [0, 10, 20, 30, 40, 50])
            #expect(requests.prefix(6).allSatisfy { $0.window == nil })
            #expect(requests.count == 7)
            #expect(requests.last?.window != nil)
            #expect(run.httpCalls == 7)
            let source = try await F.source(.nvd, on: w.db)
            #expect(source.failures == 0 && source.lastSuccessAt != nil)
            #expect(NVDSync.decode(source.cursor).phase == .incremental)

            // Later: two records changed; only the window since the last run is read.
            clock.advance(3600)
            var changed = records
            changed[3].description = "changed"
            changed[3].lastModified = clock.now.addingTimeInterval(-60)
            changed[7].description = "changed too"
            changed[7].lastModified = clock.now.addingTimeInterval(-30)
            nvd.setRecords(changed)
            guard case .ran(let second) = try await service.run(source, trigger: .schedule, url: nvd.url) else { return }
            #expect(second.error == nil)
            #expect(second.updated == 2 && second.created == 0)
            #expect(nvd.requests.count == 8)
            let stored = try #require(try await Vulnerability.find(changed[3].id, on: w.db))
            #expect(stored.summary == "changed")
        }
    }

    @Test(arguments: TestDatabase.available)
    func catchesUpMoreThan120DaysInWindows(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(30, modifiedUntil: clock.now.addingTimeInterval(-3600)).enumerated().map { index, record in
                var record = record
                record.lastModified = clock.now.addingTimeInterval(-3600 - Double(index) * 6.5 * 86400) // over 195 days
                return record
            }
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            let source = try await F.source(.nvd, on: w.db)
            source.cursor = String(decoding: try JSONEncoder.feedCursor.encode(NVDSyncCursor.changes(since: clock.now.addingTimeInterval(-200 * 86400))), as: UTF8.self)
            try await source.save(on: w.db)
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(source, trigger: .cli, url: nvd.url) else { return }
            #expect(run.error == nil)
            #expect(run.created == 30)
            let windows = nvd.requests.compactMap(\.window)
            #expect(windows.count == nvd.requests.count)
            #expect(windows.allSatisfy { $0.upperBound.timeIntervalSince($0.lowerBound) <= 120 * 86400 })
            #expect(Set(windows.map(\.lowerBound)).count == 2, "two windows cover 200 days")
            #expect(nvd.requests.allSatisfy { $0.status == 200 })
        }
    }

    @Test(arguments: TestDatabase.available)
    func neverMoreThanFiveCallsIn30SecondsWithoutKey(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(24, modifiedUntil: clock.now.addingTimeInterval(-7200))
            // The fake refuses with NVD's 403 whatever goes beyond 5 in 30 s.
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 2, limit: 5, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .cli, url: nvd.url) else { return }
            #expect(run.error == nil)
            #expect(run.created == 24)
            #expect(nvd.requests.count == 13)
            #expect(nvd.requests.allSatisfy { $0.status == 200 }, "no request was refused")
            #expect(nvd.mostRequests(inAny: 30) <= 5)
            #expect(nvd.requests.allSatisfy { $0.apiKey == nil })
        }
    }

    @Test(arguments: TestDatabase.available)
    func withAKeyFiftyCallsIn30SecondsAndTheKeyIsSent(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(120, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 2, limit: 50, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .cli, url: nvd.url,
                                                            apiKey: "test-key-123") else { return }
            #expect(run.error == nil)
            #expect(run.created == 120)
            #expect(nvd.requests.allSatisfy { $0.apiKey == "test-key-123" && $0.status == 200 })
            #expect(nvd.mostRequests(inAny: 30) <= 50)
            #expect(nvd.mostRequests(inAny: 30) > 5, "the key's higher limit is used")
        }
    }

    @Test(arguments: TestDatabase.available)
    func retriesAfter403And503AndACutBody(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(40, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            nvd.setFault { request in
                switch request.number {
                case 2: FeedReply(status: 403, headers: [("Content-Type", "text/plain")], text: FakeNVDServer.rateLimitText)
                case 4: FeedReply(status: 503, text: "Service Unavailable")
                case 5, 6:
                    // The page for this start index, cut in the middle of a record.
                    FeedReply(status: 200, headers: [("Content-Type", "application/json")],
                              body: FakeNVDServer.page(Array(records.sorted { $0.id < $1.id }[request.startIndex..<request.startIndex + 10]),
                                                       startIndex: request.startIndex, total: 40, now: clock.now),
                              cutAfter: 3000)
                default: nil
                }
            }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .cli, url: nvd.url) else { return }
            #expect(run.error == nil)
            #expect(run.created == 40)
            #expect(try await F.storedIDs(on: w.db).count == 40)
            // The 403 waited at least NVD's 30-second window.
            #expect(clock.sleeps.contains { $0 >= 30 })
            #expect(nvd.requests.filter { $0.status != 200 }.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCrashAfterPageThreeResumesAtPageFour(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(60, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            struct Crash: Error {}
            let crashing = FeedSyncService(env: F.environment(w, clock: clock) { page in if page == 3 { throw Crash() } }, owner: "first")
            guard case .ran(let first) = try await crashing.run(try await F.source(.nvd, on: w.db), trigger: .schedule, url: nvd.url) else { return }
            #expect(first.error != nil)
            #expect(try await F.storedIDs(on: w.db).count == 30)
            #expect(NVDSync.decode(try await F.source(.nvd, on: w.db).cursor).startIndex == 30)

            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "second")
            let before = nvd.requests.count
            guard case .ran(let second) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .schedule, url: nvd.url) else { return }
            #expect(second.error == nil)
            #expect(nvd.requests[before].startIndex == 30, "resumed at page 4")
            #expect(second.created == 30 && second.updated == 0)
            #expect(try await F.storedIDs(on: w.db) == records.map(\.id).sorted())
        }
    }

    /// The next page is read while one is written: when reading it fails for good, the pages before it are kept,
    /// the cursor stops at it, and the next run starts there.
    @Test(arguments: TestDatabase.available)
    func aPageThatCannotBeReadStopsTheRunAfterThePagesBeforeIt(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(40, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            nvd.setFault { request in
                request.startIndex == 20 ? FeedReply(status: 404, headers: [("message", "gone")], text: "") : nil
            }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "first")
            guard case .ran(let first) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .schedule, url: nvd.url) else {
                Issue.record("the run did not start")
                return
            }
            #expect(first.error?.contains("404") == true, "\(first.error ?? "")")
            #expect(try await F.storedIDs(on: w.db).count == 20)
            #expect(NVDSync.decode(try await F.source(.nvd, on: w.db).cursor).startIndex == 20)
            #expect(nvd.requests.filter { $0.startIndex == 30 }.isEmpty, "nothing is read past the page that failed")

            nvd.setFault(nil)
            let before = nvd.requests.count
            guard case .ran(let second) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .schedule, url: nvd.url) else {
                Issue.record("the second run did not start")
                return
            }
            #expect(second.error == nil)
            #expect(nvd.requests[before].startIndex == 20)
            #expect(try await F.storedIDs(on: w.db) == records.map(\.id).sorted())
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoInstancesOneSyncs(_ database: TestDatabase) async throws {
        try await withWorld(database) { w in
            let clock = VirtualClock()
            let records = try F.records(20, modifiedUntil: clock.now.addingTimeInterval(-7200))
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, pageSize: 10, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            nvd.setFault { request in
                // Slow pages, so that both instances look while the first runs.
                request.number == 1 ? FeedReply(status: 200, headers: [("Content-Type", "application/json")],
                                                body: FakeNVDServer.page(Array(records.sorted { $0.id < $1.id }.prefix(10)), startIndex: 0, total: 20, now: clock.now),
                                                delayMs: 500) : nil
            }
            let a = FeedSyncService(env: F.environment(w, clock: clock), owner: "instance-a")
            let b = FeedSyncService(env: F.environment(w, clock: clock), owner: "instance-b")
            let source = try await F.source(.nvd, on: w.db)
            async let first = a.run(source, trigger: .schedule, url: nvd.url)
            try await Task.sleep(for: .milliseconds(100))
            async let second = b.run(source, trigger: .schedule, url: nvd.url)
            let outcomes = try await [first, second]
            let ran = outcomes.filter { if case .ran = $0 { return true } else { return false } }
            #expect(ran.count == 1)
            #expect(try await FeedRun.query(on: w.db).count() == 1)
            #expect(try await F.storedIDs(on: w.db).count == 20)
        }
    }

    @Test(arguments: TestDatabase.available)
    func syncedRecordsEqualTheFileImport(_ database: TestDatabase) async throws {
        guard let path = VulnerabilityFixtures.sharedData("nvd/nvdcve-1.1-modified.json.gz") else { return }
        try await withWorld(database) { w in
            let (imported, _) = try await FeedImporter.importNVD(path, on: w.db, zone: w.app.config.timeZone, match: false)
            var reader = NVDFeedReader()
            var records: [CVERecord] = []
            try await FeedFile.read(path, process: { chunk in
                for item in try reader.feed(chunk) { if case .record(let r) = item { records.append(r) } }
            }, drain: {})
            let clock = VirtualClock()
            let nvd = try await FakeNVDServer.start(group: F.group, records: records, clock: { clock.now })
            defer { Task { await nvd.stop() } }
            let service = FeedSyncService(env: F.environment(w, clock: clock), owner: "test")
            guard case .ran(let run) = try await service.run(try await F.source(.nvd, on: w.db), trigger: .cli, url: nvd.url) else { return }
            #expect(run.error == nil)
            // The same records through API 2.0 pages: nothing new, nothing changed.
            #expect(run.created == 0 && run.updated == 0)
            #expect(run.unchanged == imported.records - imported.skipped)
        }
    }

    /// What the fake NVD serves reads back as the record it was given.
    @Test func theAPIWriterRoundTrips() throws {
        var records = try F.records(40)
        // Every character JSON escapes, and text beyond ASCII.
        records[0].description = "Quote \" backslash \\ slash / newline \n tab \t return \r control \u{01}\u{1F} Việt Nam 🛡"
        var reader = NVDFeedReader()
        let body = Array(FakeNVDServer.page(records, startIndex: 0, total: records.count, now: Date()))
        let read = try (reader.feed(body) + reader.finish()).compactMap { item -> CVERecord? in
            if case .record(let record) = item { return record }
            return nil
        }
        #expect(read.count == records.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (a, b) in zip(records, read) where a != b {
            let left = String(decoding: try encoder.encode(a), as: UTF8.self)
            let right = String(decoding: try encoder.encode(b), as: UTF8.self)
            let common = zip(left, right).prefix { $0 == $1 }.count
            Issue.record("\(a.id) differs at \(common): \(left.dropFirst(max(0, common - 80)).prefix(200)) vs \(right.dropFirst(max(0, common - 80)).prefix(200))")
        }
    }
}
