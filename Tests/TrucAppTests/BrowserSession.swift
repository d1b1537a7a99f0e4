import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TrucApp

/// A signed-in browser: keeps its cookies (the session, and the anonymous CSRF cookie of the sign-in form) and the
/// CSRF token of the pages it fetched.
struct BrowserSession {
    let app: Application
    /// The session cookie.
    var cookie: String = ""
    /// Every other cookie the server set.
    var otherCookies: [String: String] = [:]
    var csrf: String = ""

    /// GET /login, then POST the form; expects the redirect of a successful sign-in.
    static func signIn(_ app: Application, email: String, password: String = testPassword) async throws -> BrowserSession {
        var session = BrowserSession(app: app)
        try await session.get("/login")
        let res = try await session.post("/login", form: ["email": email, "password": password, "next": "/"])
        #expect(res.status == .seeOther, "sign-in as \(email) failed: \(res.status)")
        return session
    }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let res = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(res)
        return res
    }

    @discardableResult
    mutating func post(_ path: String, form: [String: String], csrf sendCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if sendCSRF { fields["_csrf"] = csrf }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        var pairs = otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !cookie.isEmpty { pairs.insert("truc_session=\(cookie)", at: 0) }
        if !pairs.isEmpty { headers.replaceOrAdd(name: .cookie, value: pairs.joined(separator: "; ")) }
        return headers
    }

    private mutating func remember(_ res: TestingHTTPResponse) {
        for (name, value) in res.headers.setCookie?.all ?? [:] {
            if name == "truc_session" {
                cookie = value.string
            } else {
                otherCookies[name] = value.string.isEmpty ? nil : value.string
            }
        }
        let body = res.body.string
        if let range = body.range(of: "name=\"_csrf\" value=\"") {
            let rest = body[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { csrf = String(rest[..<end]) }
        }
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
