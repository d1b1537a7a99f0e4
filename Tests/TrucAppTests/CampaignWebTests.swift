import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

private typealias F = CampaignFixtures

@Suite struct CampaignWebTests {
    @Test(arguments: TestDatabase.available)
    func aUnitAdminAcknowledgesAndReportsThroughTheForms(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát router/switch", ["state_agency"], "2021-01-01T00:00:00+07:00"),
                                                    ("Đường truyền", ["telecom_provider"], nil)])
            let item = c.items[0].id
            var s = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let page = try await s.get("/campaigns/\(c.id)")
            #expect(page.status == .ok)
            let html = page.body.string
            let action = "/campaigns/\(c.id.uuidString)/items/\(item.uuidString)/units/\(w.deptA.id!.uuidString)/report"
            #expect(html.contains("action=\"\(action)\""))
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("Xác nhận tiếp nhận"))
            #expect(html.contains("1520/BTTTT-CATTT"))
            #expect(html.contains("Quá hạn"))
            #expect(!html.contains("Đường truyền")) // not for state agencies
            #expect(!html.contains(w.deptB.name))

            // Without the CSRF token: 403, nothing stored.
            let before = try await F.counts(w)
            let forged = try await w.app.testing().sendRequest(.POST, action, headers: F.multipartHeaders(s.headers()),
                                                              body: F.multipart([("status", "done"), ("note", "x")]))
            #expect(forged.status == .forbidden)
            #expect(try await F.counts(w) == before)

            // With it: 303 back to the page, answer and evidence stored.
            let bytes = Array("biên bản".utf8)
            let posted = try await w.app.testing().sendRequest(
                .POST, action, headers: F.multipartHeaders(s.headers()),
                body: F.multipart([("_csrf", s.csrf), ("status", "problem"), ("note", "Switch tầng 3 chưa vá"), ("next", "/campaigns/\(c.id)")],
                                  file: .init(filename: "bien-ban.pdf", contentType: "application/pdf", data: bytes)))
            #expect(posted.status == .seeOther, "\(posted.body.string)")
            #expect(posted.headers.first(name: .location)?.hasPrefix("/campaigns/\(c.id)?msg=") == true)
            #expect(posted.headers.first(name: .location)?.allSatisfy(\.isASCII) == true)
            let report = try #require(try await ItemReport.query(on: w.db).filter(\.$unit.$id == w.deptA.id!).first())
            #expect(report.status == .problem)
            #expect(report.note == "Switch tầng 3 chưa vá")
            #expect(report.$reporter.id == w.adminA.id)
            let evidence = try #require(try await EvidenceFile.find(report.$evidence.id, on: w.db))
            #expect(evidence.sha256 == F.sha256Hex(bytes))

            // A bad answer through the form: a clear message in Vietnamese.
            let noNote = try await w.app.testing().sendRequest(.POST, action, headers: F.multipartHeaders(s.headers()),
                                                              body: F.multipart([("_csrf", s.csrf), ("status", "problem")]))
            #expect(noNote.status == .unprocessableEntity)
            #expect(noNote.body.string.contains("Cần ghi chú khi báo cáo có vướng mắc"))

            // The page now shows the answer and the evidence link; the evidence downloads as an attachment.
            let after = try await s.get("/campaigns/\(c.id)")
            #expect(after.body.string.contains("Switch tầng 3 chưa vá"))
            #expect(after.body.string.contains("/evidence/\(evidence.id!.uuidString)"))
            let download = try await s.get("/evidence/\(evidence.id!.uuidString)")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/octet-stream")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(download.headers.first(name: "X-Content-SHA256") == F.sha256Hex(bytes))

            // Acknowledge agency A1 with the button.
            let ack = try await s.post("/campaigns/\(c.id)/units/\(w.agencyA1.id!)/acknowledge", form: ["next": "/campaigns/\(c.id)"])
            #expect(ack.status == .seeOther)
            #expect(try await CampaignAcknowledgement.query(on: w.db).filter(\.$unit.$id == w.agencyA1.id!).count() == 1)
            // Another unit's form: 404.
            let other = try await s.post("/campaigns/\(c.id)/units/\(w.deptB.id!)/acknowledge", form: [:])
            #expect(other.status == .notFound)

            // The unit page.
            let unitPage = try await s.get("/campaigns/\(c.id)/units/\(w.deptA.id!)")
            #expect(unitPage.status == .ok)
            #expect(unitPage.body.string.contains("Switch tầng 3 chưa vá"))
            // Unit admins don't get the creation form.
            #expect(try await s.get("/campaigns/new").status == .forbidden)

            // The province auditor sees the board and the answers, but no answer forms.
            var auditor = try await BrowserSession.signIn(w.app, email: w.auditor.email)
            let audited = try await auditor.get("/campaigns/\(c.id)")
            #expect(audited.status == .ok)
            #expect(audited.body.string.contains("Bảng theo dõi tuân thủ"))
            #expect(audited.body.string.contains("class=\"s-problem\""))
            #expect(!audited.body.string.contains("enctype=\"multipart/form-data\""))
            let auditorPost = try await w.app.testing().sendRequest(.POST, action, headers: F.multipartHeaders(auditor.headers()),
                                                                   body: F.multipart([("_csrf", auditor.csrf), ("status", "done")]))
            #expect(auditorPost.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorCreatesCampaignsAndSeesTheBoard(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var s = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let form = try await s.get("/campaigns/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Tạo từ mẫu chỉ đạo 2023"))

            // A bad form: clear message, nothing stored.
            let bad = try await s.post("/campaigns", form: ["title": "Đợt A", "startsAt": "2026-05-04T00:00", "endsAt": "2026-04-29T00:00",
                                                            "documents": "1520/BTTTT-CATTT | 26/04/2023 | Bộ TTTT",
                                                            "item1_title": "Rà soát", "item1_kinds[]": "state_agency"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Thời điểm kết thúc phải sau thời điểm bắt đầu"))
            #expect(try await Campaign.query(on: w.db).count() == 0)

            let created = try await s.post("/campaigns", form: [
                "title": "Đợt Quốc khánh", "startsAt": "2026-08-30T00:00", "endsAt": "03/09/2026 00:00", "timeZone": "Asia/Ho_Chi_Minh",
                "directive": "Tăng cường bảo đảm ATTT", "documents": "1520/BTTTT-CATTT | 26/04/2023 | Bộ TTTT | Trích yếu",
                "item1_title": "Rà soát", "item1_kinds[]": "state_agency", "item1_due": "2026-08-31T17:00",
                "item2_title": "Đường truyền", "item2_kinds[]": "telecom_provider",
            ])
            #expect(created.status == .seeOther, "\(created.body.string)")
            let campaign = try #require(try await Campaign.query(on: w.db).first())
            #expect(campaign.title == "Đợt Quốc khánh")
            #expect(campaign.startsAt == DateCoding.parseISO("2026-08-29T17:00:00Z"))
            #expect(campaign.endsAt == DateCoding.parseISO("2026-09-02T17:00:00Z"))
            #expect(campaign.documents == [ReferencedDocument(number: "1520/BTTTT-CATTT", date: "2023-04-26", issuer: "Bộ TTTT", title: "Trích yếu")])
            let items = try await CampaignService.items(of: campaign.id!, on: w.db)
            #expect(items.map(\.title) == ["Rà soát", "Đường truyền"])
            #expect(items[0].dueAt == DateCoding.parseISO("2026-08-31T10:00:00Z"))
            #expect(items[1].targetKinds == [.telecomProvider])

            let fromTemplate = try await s.post("/campaigns/from-template", form: ["template": "le-30-4", "year": "2026"])
            #expect(fromTemplate.status == .seeOther)
            let template = try #require(try await Campaign.query(on: w.db).filter(\.$title != "Đợt Quốc khánh").first())
            #expect(try await CampaignService.items(of: template.id!, on: w.db).count == 5)

            // The board with colored cells, CSV and summary links.
            let page = try await s.get("/campaigns/\(template.id!)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Bảng theo dõi tuân thủ"))
            #expect(html.contains("class=\"s-"))
            #expect(html.contains("/campaigns/\(template.id!.uuidString)/compliance.csv"))
            #expect(html.contains("Sửa thông tin đợt"))
            let csv = try await s.get("/campaigns/\(template.id!)/compliance.csv")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let summary = try await s.get("/campaigns/\(template.id!)/summary")
            #expect(summary.status == .ok)
            #expect(summary.body.string.contains("Báo cáo tổng hợp"))
            #expect(summary.body.string.contains("1520/BTTTT-CATTT"))

            // Edit an item and add one through the forms.
            let first = try #require(try await CampaignService.items(of: template.id!, on: w.db).first)
            let edited = try await s.post("/campaigns/\(template.id!)/items/\(first.id!)",
                                          form: ["title": "Mục 1 đã sửa", "detail": "", "kinds[]": "it_center", "dueAt": "", "position": "1"])
            #expect(edited.status == .seeOther, "\(edited.body.string)")
            let reread = try #require(try await ChecklistItem.find(first.id, on: w.db))
            #expect(reread.title == "Mục 1 đã sửa")
            #expect(reread.targetKinds == [.itCenter])
            #expect(reread.dueAt == nil)
            let added = try await s.post("/campaigns/\(template.id!)/items", form: ["title": "Mục mới", "kinds[]": "response_team"])
            #expect(added.status == .seeOther)
            #expect(try await CampaignService.items(of: template.id!, on: w.db).count == 6)
            let list = try await s.get("/campaigns")
            #expect(list.body.string.contains("Đợt Quốc khánh"))
        }
    }
}
