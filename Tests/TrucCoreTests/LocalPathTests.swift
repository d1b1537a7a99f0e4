import Foundation
import Testing
@testable import TrucCore

@Suite struct LocalPathTests {
    /// Known open-redirect bypasses: each must be refused.
    static let bypasses = [
        "/%09/evil.example", "/\t/evil.example", "/\\evil", "/\\\\evil", "\\\\evil", "//evil", "//evil.example/x", "///evil",
        "/%2F%2Fevil", "/%2f/evil", "%2F%2Fevil", "/%5Cevil", "/%5cevil", "/%255Cevil", "/%252F/evil", "/%2509/evil",
        "https://evil", "http:/evil", "javascript:alert(1)", "data:text/html,x", "evil.example", " /x", " //evil",
        "/\n/evil", "/%0a/evil", "/%0d%0a/evil", "\t//evil", "/\u{0}/evil", "/%00/evil", "/\u{7F}/evil",
        "/x y", "/\u{FF0F}evil", "/\u{2215}evil", "/%E2%88%95evil", "", "/%", "/%zz", "/%E2%88",
    ]

    static let accepted = [
        "/", "/units", "/units/3f1c?page=2&per=50", "/incidents#timeline", "/campaigns/x?msg=saved",
        "/contacts?q=%C4%91i%E1%BB%87n", "/.//evil", "/a//b", "/login?next=%2Funits",
    ]

    @Test(arguments: bypasses)
    func refusesBypass(_ text: String) {
        #expect(LocalPath.validated(text) == nil, "\(text.debugDescription)")
        #expect(LocalPath.validated(text, or: "/") == "/")
    }

    @Test(arguments: accepted)
    func acceptsLocalPaths(_ text: String) {
        #expect(LocalPath.validated(text) == text)
    }

    @Test func refusesOverlongTargets() {
        #expect(LocalPath.validated("/" + String(repeating: "a", count: LocalPath.maxLength)) == nil)
        #expect(LocalPath.validated(nil, or: "/home") == "/home")
    }
}
