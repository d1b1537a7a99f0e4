import Foundation
import TrucNet

/// Why a sync run stopped; the text is recorded with the run and shown on /feeds.
struct FeedSyncError: Error, CustomStringConvertible, Sendable {
    var description: String
    /// Whether another attempt may succeed (a cut body, a 503…).
    var retryable: Bool

    init(_ description: String, retryable: Bool = false) {
        self.description = description
        self.retryable = retryable
    }

    /// An HTTP answer that is not the one expected, with the start of its text (NVD explains rate limits there).
    static func status(_ response: FeedResponse, url: URL) -> FeedSyncError {
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        let message = response.header("message") ?? text
        return FeedSyncError("HTTP \(response.status) from \(FeedSyncError.redacted(url))" + (message.isEmpty ? "" : ": \(message)"),
                             retryable: FeedRetryPolicyCheck.retryable(response.status))
    }

    /// `url` without its query (which may hold a key in some mirrors) — for messages and logs.
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return "the source" }
        components.query = nil
        components.user = nil
        components.password = nil
        return components.string ?? "the source"
    }
}

enum FeedRetryPolicyCheck {
    static func retryable(_ status: Int) -> Bool {
        status == 403 || status == 408 || status == 429 || (500...599).contains(status)
    }
}
