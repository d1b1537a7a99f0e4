import Foundation
import Testing
@testable import TrucApp

/// The frame every page shares: grouped navigation (audit only for those who may read it), the current page
/// marked, the language switch keeping the path, the flash message.
@Suite struct PageFrameSnapshotTests {
    @Test(arguments: [Lang.vi, Lang.en])
    func coordinatorOnFindings(_ lang: Lang) {
        let ctx = PageContext(lang: lang, principal: SnapshotFixture.coordinator, csrf: "CSRF-TOKEN",
                              timeZone: SnapshotFixture.timeZone, path: "/findings", flash: Flash(.saved).text(lang))
        assertPage(PageFrame.page(ctx, title: "Test", body: "<h1>Body</h1>"), named: lang.rawValue)
    }

    @Test func officerHasNoAuditLinkAndSignedOutHasNoNavigation() {
        let officer = PageFrame.page(SnapshotFixture.context(.vi, SnapshotFixture.officer), title: "T", body: .empty).raw
        #expect(officer.contains("href=\"/on-duty\""))
        #expect(!officer.contains("href=\"/audit\""))
        #expect(officer.contains("href=\"/units/\(SnapshotFixture.department.uuidString)/roster\""))
        let signedOut = PageFrame.page(SnapshotFixture.context(.vi, nil), title: "T", body: .empty).raw
        #expect(!signedOut.contains("site-nav"))
    }
}
