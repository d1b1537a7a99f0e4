import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import TrucCore

/// A fake NVD CVE API 2.0 on loopback for tests and `truc-bench sync`: serves the records it holds by `startIndex`
/// pages and `lastModStartDate`/`lastModEndDate` windows (at most 120 days, as NVD), logs each request with the
/// time of the given clock, can refuse requests beyond NVD's rate limit with a 403, and can be told to fail
/// chosen requests (403, 503, a body cut in the middle of a record…).
public final class FakeNVDServer: Sendable {
    /// One request as the fake saw it.
    public struct Request: Sendable {
        /// 1-based number of the request.
        public var number: Int
        public var startIndex: Int
        public var resultsPerPage: Int
        public var window: ClosedRange<Date>?
        public var apiKey: String?
        /// The time of the server's clock when it arrived.
        public var at: Date
        /// The status answered.
        public var status: Int
    }

    /// Returns a reply to send instead of the page (a fault), or nil to serve the page.
    public typealias Fault = @Sendable (Request) -> FeedReply?

    public static let path = "/rest/json/cves/2.0"
    /// NVD's answer when its rate limit is exceeded.
    public static let rateLimitText = "Forbidden: The public rate limit has been exceeded. Please wait before making another request, or request an API key."

    private struct State {
        var records: [CVERecord] = []
        var log: [Request] = []
        var fault: Fault?
    }

    private let server: LoopbackFeedServer
    private let state: NIOLockedValueBox<State>

    private init(server: LoopbackFeedServer, state: NIOLockedValueBox<State>) {
        self.server = server
        self.state = state
    }

    /// Starts the fake with `records` (served sorted by id). `limit`: refuse with 403 a request that would make more
    /// than that many in a rolling 30 s (nil: no limit). `clock`: the time requests are logged with.
    /// `pageSize`: the most records in one answer, whatever is asked (NVD's is 2,000).
    public static func start(group: any EventLoopGroup, records: [CVERecord], pageSize: Int = 2000, limit: Int? = nil,
                             clock: @escaping @Sendable () -> Date = { Date() }) async throws -> FakeNVDServer {
        let state = NIOLockedValueBox(State(records: records.sorted { $0.id < $1.id }))
        let server = try await LoopbackFeedServer.start(group: group) { head in
            Self.answer(head, state: state, pageSize: pageSize, limit: limit, now: clock())
        }
        return FakeNVDServer(server: server, state: state)
    }

    /// The API's address on this server.
    public var url: URL { server.url(path: Self.path) }

    /// Every request so far.
    public var requests: [Request] { state.withLockedValue { $0.log } }

    public func setRecords(_ records: [CVERecord]) {
        state.withLockedValue { $0.records = records.sorted { $0.id < $1.id } }
    }

    public func setFault(_ fault: Fault?) {
        state.withLockedValue { $0.fault = fault }
    }

    public func stop() async {
        await server.stop()
    }

    /// The largest number of requests in any rolling `window` seconds of the log.
    public func mostRequests(inAny window: TimeInterval) -> Int {
        let times = requests.map(\.at).sorted()
        var most = 0
        var first = 0
        for (index, time) in times.enumerated() {
            while time.timeIntervalSince(times[first]) >= window { first += 1 }
            most = max(most, index - first + 1)
        }
        return most
    }

    private static func answer(_ head: HTTPRequestHead, state: NIOLockedValueBox<State>, pageSize: Int, limit: Int?, now: Date) -> FeedReply {
        let components = URLComponents(string: head.uri)
        guard components?.path == path else { return .notFound }
        func query(_ name: String) -> String? { components?.queryItems?.first { $0.name == name }?.value }
        let startIndex = query("startIndex").flatMap(Int.init) ?? 0
        let perPage = min(query("resultsPerPage").flatMap(Int.init) ?? 2000, pageSize)
        var window: ClosedRange<Date>?
        var invalid: String?
        switch (query("lastModStartDate"), query("lastModEndDate")) {
        case (nil, nil): break
        case (let start?, let end?):
            if let s = NVDPageRequest.parse(start), let e = NVDPageRequest.parse(end), s <= e {
                if e.timeIntervalSince(s) > 120 * 86400 { invalid = "the date range exceeds 120 days" } else { window = s...e }
            } else {
                invalid = "invalid lastModStartDate or lastModEndDate"
            }
        default: invalid = "both lastModStartDate and lastModEndDate are required"
        }
        // The page is chosen under the lock and written after it (writing is the long part).
        enum Choice {
            case reply(FeedReply)
            case page(ArraySlice<CVERecord>, total: Int)
        }
        let choice = state.withLockedValue { state -> Choice in
            var request = Request(number: state.log.count + 1, startIndex: startIndex, resultsPerPage: perPage, window: window,
                                  apiKey: head.headers.first(name: "apiKey"), at: now, status: 200)
            let choice: Choice
            if let invalid {
                choice = .reply(FeedReply(status: 404, headers: [("message", invalid)], text: ""))
            } else if let limit, state.log.filter({ now.timeIntervalSince($0.at) < 30 }).count >= limit {
                choice = .reply(FeedReply(status: 403, headers: [("Content-Type", "text/plain")], text: rateLimitText))
            } else if let fault = state.fault?(request) {
                choice = .reply(fault)
            } else {
                let selected = window.map { w in state.records.filter { $0.lastModified.map(w.contains) ?? false } } ?? state.records
                let page = startIndex < selected.count ? selected[startIndex..<min(selected.count, startIndex + perPage)] : []
                choice = .page(page, total: selected.count)
            }
            if case .reply(let reply) = choice { request.status = reply.status }
            state.log.append(request)
            return choice
        }
        switch choice {
        case .reply(let reply):
            return reply
        case .page(let records, let total):
            return FeedReply(status: 200, headers: [("Content-Type", "application/json")],
                             body: Self.page(Array(records), startIndex: startIndex, total: total, now: now))
        }
    }

    /// An API 2.0 answer.
    public static func page(_ records: [CVERecord], startIndex: Int, total: Int, now: Date) -> [UInt8] {
        var out = Array("{\"resultsPerPage\":\(records.count),\"startIndex\":\(startIndex),\"totalResults\":\(total),\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"timestamp\":\"\(NVD20Writer.timestamp(now))\",\"vulnerabilities\":[".utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += NVD20Writer.item(record)
        }
        out += Array("]}".utf8)
        return out
    }
}
