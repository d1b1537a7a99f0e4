import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// `next` is followed only to a same-site path; the message box shows only known messages.
@Suite struct RedirectAndFlashTests {
    /// Open-redirect attempts as an attacker would write them in a link (already URL-encoded).
    static let attackLinks = [
        "/%09/evil.example", "/%5C%5Cevil", "/%5Cevil", "//evil", "/%2F%2Fevil", "/%252F%252Fevil", "https://evil",
        "https:%2F%2Fevil", "%20/x", "%20//evil", "/%0A/evil", "/%0D%0A/evil", "%09//evil", "/%00/evil", "/%E2%88%95evil",
        "/%EF%BC%8Fevil", "javascript:alert(1)", "evil.example",
    ]

    @Test(arguments: TestDatabase.available)
    func nextIsFollowedOnlyToASameSitePath(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            for link in Self.attackLinks {
                let lang = try await w.app.testing().sendRequest(.GET, "/lang/en?next=\(link)")
                #expect(lang.status == .seeOther)
                #expect(lang.headers.first(name: .location) == "/", "lang \(link)")
                // The sign-in page does not carry it into its form either.
                let page = try await w.app.testing().sendRequest(.GET, "/login?next=\(link)")
                #expect(page.body.string.contains("name=\"next\" value=\"/\""), "login page \(link)")
            }
            // Posted with the sign-in form itself (decoded once by the form parser).
            for next in LocalPathBypasses.decoded {
                var browser = BrowserSession(app: w.app)
                try await browser.get("/login")
                let res = try await browser.post("/login", form: ["email": w.officerA.email, "password": testPassword, "next": next])
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/", "sign-in \(next.debugDescription)")
            }
            var browser = BrowserSession(app: w.app)
            try await browser.get("/login")
            let res = try await browser.post("/login", form: ["email": w.officerA.email, "password": testPassword, "next": "/units?page=2"])
            #expect(res.headers.first(name: .location) == "/units?page=2")
            let lang = try await w.app.testing().sendRequest(.GET, "/lang/en?next=%2Funits%3Fq%3D%25C4%2591")
            #expect(lang.headers.first(name: .location) == "/units?q=%C4%91")
            // A page that needs a sign-in sends its whole path and query along, encoded as one parameter.
            let guarded = try await w.app.testing().sendRequest(.GET, "/units?q=a&page=2")
            #expect(guarded.headers.first(name: .location) == "/login?next=/units%3Fq%3Da%26page%3D2")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theMessageBoxShowsOnlyKnownMessages(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            func flash(_ query: String) async throws -> String? {
                let body = try await w.app.testing().sendRequest(.GET, "/login?msg=\(query)").body.string
                guard let start = body.range(of: "<p class=\"flash\" role=\"status\">") else { return nil }
                return String(body[start.upperBound...].prefix { $0 != "<" })
            }
            #expect(try await flash("saved") == "Đã lưu")
            #expect(try await flash("shifts-generated.12") == "Đã tạo 12 ca trực")
            #expect(try await flash("assets-imported.3.1.0") == "Đã nhập: 3 tài sản mới, 1 cập nhật; 0 lỗ hổng mới")
            for forged in ["Your+account+is+locked.+Call+0900+000+000", "T%C3%A0i%20kho%E1%BA%A3n%20b%E1%BB%8B%20kh%C3%B3a", "%3Cscript%3E",
                           "saved.1", "shifts-generated", "shifts-generated.abc", "shifts-generated.1e3", "shifts-generated.-1",
                           "shifts-generated.1234567890", "SAVED", "saved%00", ""] {
                #expect(try await flash(forged) == nil, "\(forged)")
            }
            let body = try await w.app.testing().sendRequest(.GET, "/login?msg=Your+account+is+locked").body.string
            #expect(!body.contains("Your account is locked"))
        }
    }

    @Test func everyMessageKeyRoundTripsAndSpeaksBothLanguages() {
        for key in Flash.Key.allCases {
            let flash = Flash(query: ([key.rawValue] + Array(repeating: "7", count: key.arity)).joined(separator: "."))
            #expect(flash?.key == key)
            if let flash {
                #expect(Flash(query: flash.query) == flash)
                #expect(!flash.text(.vi).isEmpty && flash.text(.vi) != flash.text(.en))
            }
        }
        #expect(Flash(.slaSaved, 3).location("/feeds#sla") == "/feeds?msg=sla-saved.3#sla")
        #expect(Flash(.saved).location("/campaigns/x?unit=1") == "/campaigns/x?unit=1&msg=saved")
        #expect(Flash(.saved).location("//evil.example") == "/?msg=saved")
    }
}

/// The bypasses of `LocalPathTests`, as a form field carries them once decoded.
enum LocalPathBypasses {
    static let decoded = [
        "/\t/evil.example", "/\\evil", "\\\\evil", "//evil", "/%2F%2Fevil", "https://evil", " /x", " //evil", "/\n/evil",
        "/%09/evil", "/\u{FF0F}evil", "javascript:alert(1)",
    ]
}
