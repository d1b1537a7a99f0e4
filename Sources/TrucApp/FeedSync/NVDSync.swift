import Fluent
import Foundation
import SQLKit
import TrucCore
import TrucNet

/// Keeps the knowledge base in step with the NVD CVE API 2.0 (see `NVDSyncCursor` for the paging). Each page is
/// applied whole or not at all, in one transaction with the advanced cursor, through the same upsert as
/// `import-nvd`; the CVEs that changed are rematched at the end of the run (or, after a crash, at the start of the
/// next one).
enum NVDSync {
    /// Largest page accepted (2,000 records are about 10–30 MB).
    static let pageLimit = 128 << 20

    static func run(source: FeedSource, url: URL, apiKey: String?, env: FeedSyncEnvironment) async throws -> SyncTally {
        let sourceID = try source.requireID()
        var cursor = decode(source.cursor)
        var tally = SyncTally()
        let runStart = env.clock.now()
        let limiter = env.limiters.nvd(hasKey: apiKey != nil)
        let headers = apiKey.map { [("apiKey", $0)] } ?? []
        var changed: Set<String> = []
        var pages = 0
        // Changes are read up to the run's start; when this run completes the first load (which may take hours),
        // the window from the load's start is read up to the instant it completed.
        var until = runStart
        // One page is read ahead: while a page is written (one core), the next is fetched and decoded (the other).
        var ahead: (request: NVDPageRequest, task: Task<Fetched, any Error>)?
        defer { ahead?.task.cancel() }
        while let request = cursor.nextRequest(runStart: until) {
            let fetched: Fetched
            if let readAhead = ahead, readAhead.request == request {
                ahead = nil
                fetched = try await readAhead.task.value
            } else {
                ahead?.task.cancel()
                ahead = nil
                fetched = try await fetch(request, base: url, headers: headers, limiter: limiter, env: env)
            }
            tally.add(fetched.tally)
            let page = fetched.page
            var next = cursor
            next.advance(resultsInPage: page.items.count, totalResults: page.totalResults)
            if next.rematchSince == nil { next.rematchSince = runStart }
            // Not past the end of the first load: the changes that follow it are read up to the instant it completes.
            if !(cursor.phase == .initial && next.phase == .incremental) {
                var probe = next
                if let following = probe.nextRequest(runStart: until) {
                    ahead = (following, Task {
                        try await fetch(following, base: url, headers: headers, limiter: limiter, env: env)
                    })
                }
            }
            let records = page.items.compactMap { item -> CVERecord? in
                if case .record(let record) = item { return record }
                return nil
            }
            for item in page.items {
                if case .skipped(let skipped) = item {
                    tally.skipped += 1
                    tally.note("record #\(request.startIndex + skipped.index)\(skipped.id.map { " (\($0))" } ?? ""): \(skipped.reason)")
                }
            }
            let committed = next
            let outcome = try await env.db.transaction { db in
                let outcome = try await VulnerabilityStore.upsertNVD(records, on: db, now: runStart)
                try await saveCursor(committed, sourceID: sourceID, on: db)
                return outcome
            }
            if cursor.phase == .initial, committed.phase == .incremental { until = env.clock.now() }
            cursor = committed
            tally.created += outcome.created.count
            tally.updated += outcome.updated.count
            tally.unchanged += outcome.unchanged
            changed.formUnion(outcome.created)
            changed.formUnion(outcome.updated)
            pages += 1
            env.progress("NVD: page \(pages), \(cursor.summary), total \(page.totalResults): \(tally.created) new, \(tally.updated) updated, \(tally.unchanged) unchanged")
            try await env.afterPage(pages)
        }
        if let since = cursor.rematchSince {
            if since < runStart {
                // Pages applied by a run that stopped before its rematch.
                changed.formUnion(try await changedSince(since, on: env.db))
            }
            if !changed.isEmpty {
                env.progress("NVD: matching \(changed.count) changed CVE(s) against the inventory…")
                let summary = try await MatchingService.rematch(cveIDs: changed, on: env.db, now: env.clock.now(), zone: env.zone)
                tally.note("matching: \(summary.line)")
            }
            cursor.rematchSince = nil
            try await saveCursor(cursor, sourceID: sourceID, on: env.db)
        }
        return tally
    }

    /// A page read, with the HTTP calls and bytes it took.
    struct Fetched: Sendable {
        var page: Page
        var tally: SyncTally
    }

    static func fetch(_ request: NVDPageRequest, base: URL, headers: [(String, String)], limiter: FeedRateLimiter?,
                      env: FeedSyncEnvironment) async throws -> Fetched {
        guard let pageURL = request.url(base: base) else { throw FeedSyncError("invalid NVD address") }
        var tally = SyncTally()
        let page = try await FeedRequester.get(pageURL, headers: headers, limit: pageLimit, limiter: limiter, env: env,
                                               tally: &tally) { response in
            try parse(response.body)
        }
        return Fetched(page: page, tally: tally)
    }

    static func decode(_ text: String) -> NVDSyncCursor {
        guard !text.isEmpty, let cursor = try? JSONDecoder.feedCursor.decode(NVDSyncCursor.self, from: Data(text.utf8)) else {
            return NVDSyncCursor()
        }
        return cursor
    }

    static func saveCursor(_ cursor: NVDSyncCursor, sourceID: UUID, on db: any Database) async throws {
        let text = String(decoding: try JSONEncoder.feedCursor.encode(cursor), as: UTF8.self)
        try await VulnerabilityStore.sql(db).update(FeedSource.schema).set("cursor", to: SQLBind(text))
            .where("id", .equal, SQLBind(sourceID)).run()
    }

    static func changedSince(_ since: Date, on db: any Database) async throws -> Set<String> {
        let rows = try await VulnerabilityStore.sql(db).select().column("id").from(Vulnerability.schema)
            .where("imported_at", .greaterThanOrEqual, SQLBind(since)).all()
        return Set(try rows.map { try $0.decode(column: "id", as: String.self) })
    }

    /// One API answer: its records and `totalResults`.
    struct Page: Sendable {
        var items: [NVDFeedReader.Item]
        var totalResults: Int
    }

    /// Reads an API 2.0 answer. A body that is not one (cut, not JSON, no `vulnerabilities`, no `totalResults`)
    /// throws a retryable error: NVD sometimes sends a cut or empty body under load.
    static func parse(_ body: [UInt8]) throws -> Page {
        var reader = NVDFeedReader()
        var items: [NVDFeedReader.Item]
        do {
            items = try reader.feed(body)
            items += try reader.finish()
        } catch {
            throw FeedSyncError("the NVD answer could not be read (\(error.english))", retryable: true)
        }
        guard reader.format == .nvd20 else {
            throw FeedSyncError("the NVD answer has no \"vulnerabilities\" array", retryable: true)
        }
        guard let total = totalResults(body) else {
            throw FeedSyncError("the NVD answer has no \"totalResults\"", retryable: true)
        }
        return Page(items: items, totalResults: total)
    }

    /// The number after the first `"totalResults":` (NVD writes it before the records).
    static func totalResults(_ body: [UInt8]) -> Int? {
        let key = Array("\"totalResults\"".utf8)
        guard body.count > key.count else { return nil }
        var index = 0
        let end = body.count - key.count
        while index <= end {
            if body[index] == key[0], Array(body[index..<index + key.count]) == key {
                var i = index + key.count
                while i < body.count, body[i] == 0x20 || body[i] == 0x3A || body[i] == 0x0A || body[i] == 0x0D || body[i] == 0x09 { i += 1 }
                var value = 0
                var digits = 0
                while i < body.count, body[i] >= 0x30, body[i] <= 0x39, digits < 12 {
                    value = value * 10 + Int(body[i] - 0x30)
                    digits += 1
                    i += 1
                }
                return digits > 0 ? value : nil
            }
            index += 1
        }
        return nil
    }
}

extension JSONEncoder {
    static let feedCursor: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let feedCursor: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
