import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

@Suite struct HomeTests {
    @Test(arguments: TestDatabase.available)
    func overviewShowsWhoIsOnDutyAndWhatAwaitsAnAnswer(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let now = Date()
            try await DutyShift(unitID: w.deptA.id!, campaignID: nil, personID: w.officerA.id!, startsAt: now.addingTimeInterval(-3600),
                                endsAt: now.addingTimeInterval(3 * 3600), role: .technical).create(on: w.db)
            let campaign = Campaign(title: "Đợt cao điểm thử", startsAt: now.addingTimeInterval(-86_400), endsAt: now.addingTimeInterval(86_400),
                                    timeZone: "Asia/Ho_Chi_Minh", directive: "Chỉ đạo", documents: [], createdBy: nil)
            try await campaign.create(on: w.db)
            for (position, kinds) in [(1, [UnitKind.stateAgency]), (2, [.stateAgency]), (3, [.telecomProvider])] {
                try await ChecklistItem(campaignID: campaign.id!, position: position, title: "Mục \(position)", detail: "", targetKinds: kinds, dueAt: nil).create(on: w.db)
            }
            let browser = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            try await w.app.testing().test(.GET, "/", headers: browser.headers()) { res async in
                let body = res.body.string
                #expect(body.contains("Đang trực tại Sở A"))
                #expect(body.contains("Cán Bộ A — Trực kỹ thuật"))
                #expect(body.contains("Có khoảng trống trực kỹ thuật"))   // nobody after the shift ends
                #expect(body.contains("2 mục chờ báo cáo"))               // the telecom item is not theirs
            }
        }
    }
}
