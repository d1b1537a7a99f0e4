import Vapor

/// Interface language: Vietnamese first, English switchable (cookie `lang`, or `?lang=en`).
enum Lang: String, Sendable {
    case vi, en

    static func of(_ request: Request) -> Lang {
        if let q = request.query[String.self, at: "lang"], let lang = Lang(rawValue: q) { return lang }
        if let c = request.cookies["lang"]?.string, let lang = Lang(rawValue: c) { return lang }
        return .vi
    }
}
