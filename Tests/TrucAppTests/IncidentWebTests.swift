import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// The incident pages, driven as a browser would (forms, no JavaScript).
@Suite struct IncidentWebTests {
    @Test(arguments: TestDatabase.available)
    func aUnitReportsThroughTheFormAndThePrintableFormsShowTheReport(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let ids = try await VulnerabilityFixtures.deptAInventory(w)
            let a = w.deptA.id!
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            var page = try await admin.get("/units/\(a)/incidents/new?systemID=\(ids.system)")
            #expect(page.status == .ok)
            let form = page.body.string
            #expect(form.contains("name=\"reporterEmail\"") && form.contains(w.adminA.email) && form.contains("Cổng dịch vụ công"))
            var res = try await admin.post("/units/\(a)/incidents", form: [
                "title": "Cổng DVC bị thay đổi giao diện", "systemID": ids.system.uuidString, "reporterOrganization": "Sở A",
                "reporterName": "Quản Trị A", "reporterPhone": "0912345678", "reporterEmail": w.adminA.email, "operatingUnit": "Sở A",
                "owningAgency": "UBND tỉnh", "systemName": "Cổng dịch vụ công", "domains": "dvc.so-a.gov.vn", "publicIPs": "203.0.113.5",
                "summary": "Trang chủ bị thay bằng nội dung lạ; truy cập từ 198.51.100[.]44", "detectedAt": VNDateFormat.format(Date().addingTimeInterval(-7200), timeZone: w.app.config.timeZone),
                "currentStatus": "ongoing", "detectionMethod": "user_report", "supportRequested": "true", "supportDetails": "Cần hỗ trợ điều tra",
                "tlp": "AMBER"])
            #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")
            let incident = try #require(try await Incident.query(on: w.db).first())
            #expect(incident.supportRequested && incident.tlp == .amber && incident.$system.id == ids.system)
            page = try await admin.get("/incidents/\(incident.id!)")
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains(incident.reference) && body.contains("198.51.100[.]44") && body.contains("[TBSC]"))
            #expect(!body.contains("action=\"/incidents/\(incident.id!)/triage\""), "only the response team triages")
            res = try await admin.post("/incidents/\(incident.id!)/updates", form: ["text": "Đã khôi phục trang chủ", "kind": "update"])
            #expect(res.status == .seeOther)
            res = try await admin.post("/incidents/\(incident.id!)/triage", form: ["severity": "high", "category": "defacement"])
            #expect(res.status == .forbidden)
            page = try await admin.get("/incidents/\(incident.id!)/print/initial")
            #expect(page.status == .ok && page.body.string.contains("BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG") && page.body.string.contains("Cổng dịch vụ công"))
            page = try await admin.get("/incidents")
            #expect(page.body.string.contains(incident.reference))
            #expect(page.body.string.contains("action=\"/observables/stix\""))
            let feed = try await admin.get("/observables/stix?tlp=AMBER&days=30")
            #expect(feed.status == .ok && feed.body.string.contains("[ipv4-addr:value = '198.51.100.44']"))
            page = try await admin.get("/observables?kind=ipv4&value=198.51.100.44")
            #expect(page.status == .ok && page.body.string.contains(incident.reference))

            // The coordinator triages from the page; another unit's admin sees nothing.
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            page = try await coordinator.get("/incidents/\(incident.id!)")
            #expect(page.body.string.contains("action=\"/incidents/\(incident.id!)/triage\""))
            res = try await coordinator.post("/incidents/\(incident.id!)/triage", form: ["severity": "high", "category": "defacement"])
            #expect(res.status == .seeOther)
            #expect(try await Incident.find(incident.id, on: w.db)?.status == .triaged)
            var other = try await BrowserSession.signIn(w.app, email: w.adminB.email)
            #expect(try await other.get("/incidents/\(incident.id!)").status == .notFound)
            #expect(!(try await other.get("/incidents")).body.string.contains(incident.reference))

            // The support request went to the coordinator through the outbox, and the page shows it.
            page = try await coordinator.get("/incidents/\(incident.id!)")
            #expect(page.body.string.contains("[TBSC] Đề nghị hỗ trợ ứng cứu sự cố \(incident.reference)") && page.body.string.contains(w.coordinator.email))
            // The unit sends its initial report to VNCERT/CC from the page.
            page = try await admin.get("/incidents/\(incident.id!)")
            #expect(page.body.string.contains("action=\"/incidents/\(incident.id!)/notify-national\"") && page.body.string.contains("ir@vncert.vn"))
            res = try await admin.post("/incidents/\(incident.id!)/notify-national", form: ["kind": "initial", "note": "Kính gửi."])
            #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
            let national = try await OutboxMail.query(on: w.db).filter(\.$purpose == .national).all()
            #expect(national.map(\.recipient) == ["ir@vncert.vn"] && national.first?.subject.hasPrefix("[TBSC] Báo cáo ban đầu sự cố") == true)
            res = try await admin.post("/incidents/\(incident.id!)/notify-national", form: ["kind": "final"])
            #expect(res.status == .unprocessableEntity, "no final report yet")
            // The observable's own TLP, from its row.
            let observable = try #require(try await IncidentObservable.query(on: w.db).filter(\.$incident.$id == incident.id!).filter(\.$value == "198.51.100.44").first())
            #expect(page.body.string.contains("action=\"/incidents/\(incident.id!)/observables/\(observable.id!)/tlp\""))
            res = try await admin.post("/incidents/\(incident.id!)/observables/\(observable.id!)/tlp", form: ["tlp": "RED"])
            #expect(res.status == .seeOther)
            #expect(try await IncidentObservable.find(observable.id, on: w.db)?.tlp == .red)
            #expect(try await admin.get("/incidents/\(incident.id!)").body.string.contains("không chia sẻ cùng sự cố"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRedIncidentNamesItsReadersInTheFormAndTheSharingFormChangesThem(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let a = w.deptA.id!
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let form = try await admin.get("/units/\(a)/incidents/new").body.string
            #expect(form.contains("name=\"namedPeople[]\"") && form.contains(w.officerA.fullName))
            #expect(form.contains("Qua kiểm tra nhật ký hệ thống"), "detection methods are named, not coded")
            let res = try await admin.post("/units/\(a)/incidents", form: [
                "title": "Lộ lọt dữ liệu", "reporterOrganization": "Sở A", "reporterName": "Quản Trị A", "reporterPhone": "0912345678",
                "reporterEmail": w.adminA.email, "operatingUnit": "Sở A", "owningAgency": "UBND tỉnh", "systemName": "Hệ thống hồ sơ",
                "summary": "Nghi lộ dữ liệu", "detectedAt": VNDateFormat.format(Date().addingTimeInterval(-3600), timeZone: w.app.config.timeZone),
                "detectionMethod": "log_review", "tlp": "RED", "namedPeople[]": w.officerA.id!.uuidString])
            #expect(res.status == .seeOther, "\(res.body.string.suffix(1500))")
            let incident = try #require(try await Incident.query(on: w.db).first())
            #expect(incident.tlp == .red && incident.namedPeople == [w.officerA.id!])
            var officer = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            #expect(try await officer.get("/incidents/\(incident.id!)").status == .ok)
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            #expect(try await coordinator.get("/incidents/\(incident.id!)").status == .notFound, "RED: only the named people")
            let page = try await admin.get("/incidents/\(incident.id!)").body.string
            #expect(page.contains("action=\"/incidents/\(incident.id!)/sharing\"") && page.contains("TLP:RED"))
            #expect(!page.contains("action=\"/incidents/\(incident.id!)/notify-national\""), "a RED incident is not sent outside")
            // The reporter names the coordinator instead of the officer.
            let changed = try await admin.post("/incidents/\(incident.id!)/sharing", form: ["tlp": "RED", "namedPeople[]": w.coordinator.id!.uuidString])
            #expect(changed.status == .seeOther)
            #expect(try await coordinator.get("/incidents/\(incident.id!)").status == .ok)
            #expect(try await officer.get("/incidents/\(incident.id!)").status == .notFound)
        }
    }
}
