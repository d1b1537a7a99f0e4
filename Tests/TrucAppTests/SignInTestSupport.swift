import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// A sign-in clock a test moves by hand, so TOTP steps and throttling waits never depend on the wall clock.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_900_000_020)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    /// Makes `app` use this clock for sign-in.
    func install(on app: Application) {
        app.signInClock = { [self] in now }
    }
}

/// The app served on 127.0.0.1 (a random port), so requests have a real peer address. A request can claim another
/// client address with X-Forwarded-For, which the app believes only when 127.0.0.1 is a trusted proxy.
struct LiveSite {
    let app: Application
    let base: String

    static func serve(_ app: Application, _ body: (LiveSite) async throws -> Void) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(app.http.server.shared.localAddress?.port)
            try await body(LiveSite(app: app, base: "http://127.0.0.1:\(port)"))
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    /// POST /api/v1/auth/token, claiming to come from `address` when given.
    func signIn(_ email: String, _ password: String, code: String? = nil, from address: String? = nil) async throws -> ClientResponse {
        var headers = HTTPHeaders()
        if let address { headers.add(name: .xForwardedFor, value: address) }
        var body = ["email": email, "password": password]
        if let code { body["code"] = code }
        return try await app.client.post(URI(string: base + "/api/v1/auth/token"), headers: headers) { req in
            try req.content.encode(body)
        }
    }
}

enum TwoFactorPages {
    /// The text of the element with `id` (e.g. the secret on the enrolment page).
    static func text(ofID id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\">") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// The recovery codes listed on the page that shows them.
    static func recoveryCodes(in html: String) -> [String] {
        guard let list = html.range(of: "id=\"recovery-codes\"") else { return [] }
        return html[list.upperBound...].components(separatedBy: "<code class=\"secret\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</code>").first }
    }
}

/// TrucCore's TOTP (Vapor has a type of the same name).
typealias CoreTOTP = TrucCore.TOTP
