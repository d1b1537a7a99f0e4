import Vapor

/// A broken rule, said in Vietnamese and English. The API answers with `reason` (English);
/// web pages show the reader's language (see `ErrorPageMiddleware`).
struct BilingualError: AbortError, Sendable {
    var status: HTTPResponseStatus
    var vi: String
    var en: String
    var reason: String { en }

    init(_ status: HTTPResponseStatus, _ vi: String, _ en: String) {
        self.status = status
        self.vi = vi
        self.en = en
    }

    func reason(_ lang: Lang) -> String { lang == .vi ? vi : en }

    static func notFound(_ vi: String = "Không tìm thấy.", _ en: String = "Not found.") -> BilingualError {
        BilingualError(.notFound, vi, en)
    }

    static func invalid(_ vi: String, _ en: String) -> BilingualError { BilingualError(.unprocessableEntity, vi, en) }
    static func badRequest(_ vi: String, _ en: String) -> BilingualError { BilingualError(.badRequest, vi, en) }
}
