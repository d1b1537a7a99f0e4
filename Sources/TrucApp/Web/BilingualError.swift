import TrucCore
import Vapor

/// A broken rule, said in Vietnamese and English. The API answers with `reason` (English);
/// web pages show the reader's language (see `ErrorPageMiddleware`).
struct BilingualError: AbortError, Sendable {
    var status: HTTPResponseStatus
    var vi: String
    var en: String
    /// The input fields concerned, when the error is about some (the API lists them as `fields`).
    var fields: [String] = []
    var reason: String { en }

    init(_ status: HTTPResponseStatus, _ vi: String, _ en: String, fields: [String] = []) {
        self.status = status
        self.vi = vi
        self.en = en
        self.fields = fields
    }

    func reason(_ lang: Lang) -> String { lang == .vi ? vi : en }

    static func notFound(_ vi: String = "Không tìm thấy.", _ en: String = "Not found.") -> BilingualError {
        BilingualError(.notFound, vi, en)
    }

    static func invalid(_ vi: String, _ en: String) -> BilingualError { BilingualError(.unprocessableEntity, vi, en) }

    /// 422 with every problem of `error`, naming its fields.
    static func invalid(_ error: FieldValidationError) -> BilingualError {
        var seen = Set<String>()
        return BilingualError(.unprocessableEntity, error.vietnamese, error.english,
                              fields: error.problems.map(\.field).filter { seen.insert($0).inserted })
    }
    static func badRequest(_ vi: String, _ en: String) -> BilingualError { BilingualError(.badRequest, vi, en) }
}
