import TrucCore
import Vapor

extension Request {
    /// The `page` and `per` of this request's query, checked by `Paging` (400 naming the parameter otherwise).
    /// Every list of the API and the web pages reads its page through here; `defaultPer` is the page size when
    /// `per` is absent.
    func paging(defaultPer: Int = Paging.defaultPer) throws -> Paging {
        do {
            return try Paging.parse(page: rawQueryValue("page"), per: rawQueryValue("per"), defaultPer: defaultPer)
        } catch {
            throw BilingualError.badRequest(error.vietnamese, error.english)
        }
    }

    /// The text of a query parameter as sent (percent-decoded; undecodable text becomes U+FFFD), or nil when absent.
    private func rawQueryValue(_ name: String) -> String? {
        guard let query = url.query else { return nil }
        var found: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            guard key == name else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            // Given twice with different values: joined, so that it is refused as not a number.
            let decoded = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "\u{FFFD}"
            if let found, found != decoded { return "\(found),\(decoded)" }
            found = decoded
        }
        return found
    }
}
