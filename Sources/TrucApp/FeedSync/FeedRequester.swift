import Foundation
import TrucCore
import TrucNet

/// One feed request with the source's rate limiter and the retry policy: a retryable failure (403, 429, 5xx, a cut
/// body, a network error, or `decode` failing with a retryable `FeedSyncError`) is tried again after the policy's
/// wait; every attempt is counted in the tally.
enum FeedRequester {
    static func get<T>(_ url: URL, headers: [(String, String)] = [], limit: Int, accept: Set<Int> = [200],
                       limiter: FeedRateLimiter? = nil, env: FeedSyncEnvironment, tally: inout SyncTally,
                       decode: (FeedResponse) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            if let limiter { try await limiter.acquire() }
            var failure: FeedSyncError
            var status: Int?
            var retryAfter: String?
            do {
                let response = try await env.fetcher.get(url, headers: headers, limit: limit, timeout: env.requestTimeout)
                tally.count(response)
                status = response.status
                retryAfter = response.header("Retry-After")
                if accept.contains(response.status) {
                    do {
                        return try decode(response)
                    } catch let error as FeedSyncError {
                        failure = error
                        status = nil
                    }
                } else {
                    failure = .status(response, url: url)
                }
            } catch let error as FeedFetchError {
                tally.httpCalls += 1
                failure = FeedSyncError("\(FeedSyncError.redacted(url)): \(error)", retryable: error.isRetryable)
            }
            guard failure.retryable,
                  let wait = env.retry.delay(afterAttempt: attempt, status: status, retryAfter: retryAfter) else {
                throw failure
            }
            env.logger.info("feed request failed, retrying in \(Int(wait)) s: \(failure.description)")
            env.progress("\(failure.description) — retrying in \(Int(wait)) s")
            try await env.clock.sleep(wait)
        }
    }
}
