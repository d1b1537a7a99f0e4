import Foundation
import TrucCore
import Vapor

/// What every page needs: language, the signed-in person, the CSRF token, the time zone.
struct PageContext {
    let lang: Lang
    let principal: Principal?
    let csrf: String
    let timeZone: TimeZone
    let path: String
    /// The query of the request, for links that keep the other parameters (paging).
    let query: [URLQueryItem]
    let flash: String?

    init(lang: Lang, principal: Principal?, csrf: String = "", timeZone: TimeZone, path: String,
         query: [URLQueryItem] = [], flash: String? = nil) {
        self.lang = lang
        self.principal = principal
        self.csrf = csrf
        self.timeZone = timeZone
        self.path = path
        self.query = query
        self.flash = flash
    }

    init(_ request: Request) {
        lang = Lang.of(request)
        principal = request.principal
        csrf = request.servesPages ? CSRFMiddleware.token(for: request) : ""
        timeZone = request.timeZone
        path = request.url.path
        query = URLComponents(string: request.url.string)?.queryItems ?? []
        // Only a known message key shows anything: a link can't put its own text in the message box.
        flash = request.query[String.self, at: "msg"].flatMap(Flash.init(query:))?.text(lang)
    }

    /// Picks the Vietnamese or English text.
    func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }

    /// A label of the catalogue in the page's language.
    func t(_ label: Label) -> String { lang == .vi ? label.vi : label.en }

    /// "dd/MM/yyyy HH:mm" in local time.
    func date(_ date: Date?) -> String { date.map { VNDateFormat.format($0, timeZone: timeZone) } ?? "" }
    func day(_ date: Date?) -> String { date.map { VNDateFormat.formatDay($0, timeZone: timeZone) } ?? "" }
    func inputDate(_ date: Date?) -> String { date.map { VNDateFormat.datetimeLocal($0, timeZone: timeZone) } ?? "" }

    /// The hidden CSRF field every POST form carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">" }

    func kind(_ kind: UnitKind) -> String { t(kind.vietnamese, kind.english) }
    func role(_ role: Role) -> String { t(role.vietnamese, role.english) }
}

extension Request {
    /// Whether the request went through the web pages' middleware (sessions, CSRF), not the API's.
    var servesPages: Bool { storage[HasSessionKey.self] ?? false }
}

struct HasSessionKey: StorageKey { typealias Value = Bool }

/// Marks web requests (which carry a session) so pages know they may issue CSRF tokens.
struct MarkSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[HasSessionKey.self] = true
        return try await next.respond(to: request)
    }
}
