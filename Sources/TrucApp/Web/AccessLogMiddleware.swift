import Foundation
import TrucCore
import Vapor

/// One line per request at INFO: method, path, status and time taken. Instead of Vapor's RouteLoggingMiddleware,
/// which writes the raw path: capability segments (acknowledgement links) are redacted, and of the query only the
/// names are kept, with the values of a few harmless paging parameters.
struct AccessLogMiddleware: AsyncMiddleware {
    /// Query parameters whose values are logged (short, and never secret).
    static let loggedValues: Set<String> = ["page", "per", "lang"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let line = Self.describe(method: request.method.rawValue, path: request.url.path, query: request.url.query)
        do {
            let response = try await next.respond(to: request)
            request.logger.info("\(line) -> \(response.status.code) (\(Self.milliseconds(since: start)) ms)")
            return response
        } catch {
            request.logger.info("\(line) -> error (\(Self.milliseconds(since: start)) ms)")
            throw error
        }
    }

    /// "GET /ack/[redacted]?lang=en": the path redacted, the query reduced to names (and paging values).
    static func describe(method: String, path: String, query: String?) -> String {
        var text = method + " " + LogRedaction.redact(path)
        if let query, !query.isEmpty {
            let parts = query.split(separator: "&").prefix(20).map { pair -> String in
                let pieces = pair.split(separator: "=", maxSplits: 1)
                let name = String(pieces.first ?? "").prefix(40)
                let value = pieces.count > 1 ? String(pieces[1]) : ""
                let safe = loggedValues.contains(String(name)) && value.count <= 20
                    && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                return safe ? "\(name)=\(value)" : "\(LogRedaction.redact(String(name)))=…"
            }
            text += "?" + parts.joined(separator: "&")
        }
        return text
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
