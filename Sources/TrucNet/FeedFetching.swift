import Foundation

/// Something that GETs feed documents: `FeedFetcher` over the network; tests may give another.
public protocol FeedFetching: Sendable {
    /// GETs `url` with extra request `headers`, reading at most `limit` bytes of body, within `timeout`.
    /// A 3xx is followed; any other status is returned as it is (the caller decides what 304, 403, 429 or 5xx mean).
    /// - Throws: `FeedFetchError`.
    func get(_ url: URL, headers: [(String, String)], limit: Int, timeout: Duration) async throws -> FeedResponse
}

/// One answer to a feed request.
public struct FeedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Why a feed request gave no answer.
public enum FeedFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is longer than the limit.
    case tooLarge(limit: Int)
    /// The connection closed before the whole body arrived.
    case truncated(received: Int)
    /// The outbound policy refused the address.
    case refused(String)
    /// No connection, a timeout, a TLS failure, an invalid URL…
    case network(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "the answer is larger than \(limit) bytes"
        case .truncated(let received): "the answer was cut after \(received) bytes"
        case .refused(let message): message
        case .network(let message): message
        }
    }

    /// Whether trying again later may succeed.
    public var isRetryable: Bool {
        switch self {
        case .truncated, .network: true
        case .tooLarge, .refused: false
        }
    }
}
