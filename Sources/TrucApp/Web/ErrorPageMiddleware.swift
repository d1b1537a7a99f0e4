import Fluent
import Vapor

/// Turns every error into a clear answer: JSON `{"error": true, "reason": ...}` under /api,
/// an HTML page elsewhere (or a redirect to the sign-in page when not signed in).
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var (status, reason) = Self.describe(error)
            if status == .internalServerError {
                request.logger.report(error: error)
            }
            let outage = DatabaseOutage.isOutage(error)
            if outage {
                request.logger.warning("database unreachable, answered 503: \(String(reflecting: type(of: error)))")
            }
            let isAPI = request.url.path.hasPrefix("/api/") || request.url.path == "/openapi.json"
            if isAPI {
                let response = Response(status: status)
                let fields = (error as? BilingualError)?.fields ?? []
                try response.content.encode(ErrorBody(error: true, reason: reason, fields: fields.isEmpty ? nil : fields))
                // Such as Retry-After on a 429.
                if let retryAfter = (error as? any AbortError)?.headers.first(name: .retryAfter) {
                    response.headers.replaceOrAdd(name: .retryAfter, value: retryAfter)
                }
                if outage { response.headers.replaceOrAdd(name: .retryAfter, value: "\(DatabaseOutage.retryAfterSeconds)") }
                return response
            }
            if status == .unauthorized && !outage {
                // Back here after signing in: the whole path and query as one parameter (checked again at sign-in).
                let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
                let expired = request.storage[ExpiredWebSessionKey.self] == true ? "&msg=" + Flash(.sessionExpired).query : ""
                return request.redirect(to: AuthRoute.login.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "/") + expired)
            }
            let ctx = PageContext(request)
            if let bilingual = error as? BilingualError { reason = bilingual.reason(ctx.lang) }
            let page = PageFrame.page(ctx, title: ctx.t("Lỗi", "Error") + " \(Int(status.code))", body: """
            <section class="error">
              <h1>\(ctx.t("Không thực hiện được", "Could not do that")) (\(Int(status.code)))</h1>
              <p class="reason">\(reason)</p>
              <p><a href="\(HomeRoute.home)">\(ctx.t("Trang chủ", "Home"))</a></p>
            </section>
            """)
            let response = try await page.encodeResponse(for: request)
            response.status = status
            if outage { response.headers.replaceOrAdd(name: .retryAfter, value: "\(DatabaseOutage.retryAfterSeconds)") }
            return response
        }
    }

    struct ErrorBody: Content {
        var error: Bool
        var reason: String
        /// The input fields the error is about (422 for a field over its limit or breaking a rule), when known.
        var fields: [String]?
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, String) {
        switch error {
        case let decoding as DecodingError:
            return (.badRequest, "Malformed request: \(Self.describe(decoding))")
        case let abort as any AbortError where abort.status == .payloadTooLarge && abort.reason == HTTPResponseStatus.payloadTooLarge.reasonPhrase:
            return (.payloadTooLarge, "The request is larger than this server accepts (see TRUC_MAX_UPLOAD_MB); send a smaller file. / Tệp gửi lên quá lớn.")
        case let abort as any AbortError:
            return (abort.status, abort.reason)
        case let error where DatabaseOutage.isOutage(error):
            return (.serviceUnavailable, "The database cannot be reached just now; try again in a few seconds. / Tạm thời không kết nối được cơ sở dữ liệu, vui lòng thử lại sau ít giây.")
        case let db as any DatabaseError where db.isConstraintFailure:
            return (.conflict, "That would conflict with something already stored (duplicate or still in use).")
        default:
            return (.internalServerError, "Something went wrong on the server.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            let p = ctx.codingPath.map(\.stringValue).filter { !$0.isEmpty }.joined(separator: ".")
            return p.isEmpty ? "body" : "'\(p)'"
        }
        switch error {
        case let .keyNotFound(key, ctx):
            let prefix = ctx.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return "field '\((prefix + [key.stringValue]).joined(separator: "."))' is required"
        case let .valueNotFound(_, ctx): return "\(path(ctx)) must not be null"
        case let .typeMismatch(type, ctx): return "\(path(ctx)) has the wrong type (expected \(type))"
        case let .dataCorrupted(ctx): return "\(path(ctx)): \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
