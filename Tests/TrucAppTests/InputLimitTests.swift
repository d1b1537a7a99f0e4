import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Every input refuses a text over its limit (and a list with too many entries) with 422 naming the field, and
/// stores nothing: one over-long value per input type of the API, and a few web forms.
@Suite struct InputLimitTests {
    /// `count` characters of Vietnamese text (Unicode scalars, as the limits count).
    static func long(_ count: Int) -> String {
        String(String.UnicodeScalarView(repeatElement("ệ".unicodeScalars.first!, count: count)))
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    struct Case: CustomStringConvertible {
        var method: HTTPMethod
        var path: String
        var body: String
        var field: String
        var description: String { "\(method.rawValue) \(path) (\(field))" }
    }

    @Test func overLongFieldsAreRefusedWith422NamingTheFieldAndNothingIsStored() async throws {
        try await withWorld(.sqlite) { w in
            let deptA = w.deptA.id!.uuidString, province = w.province.id!.uuidString, officer = w.officerA.id!.uuidString
            let inventory = try await VulnerabilityFixtures.deptAInventory(w)
            let campaign = try await CampaignFixtures.campaign(w, items: [("Rà soát", ["state_agency"], nil)])
            let item = try #require(campaign.items.first).id
            let incident = try await IncidentFlowTests.create(w, by: w.coordinator).incident.id
            let monitor = try await MonitoringFixture.monitor(w)
            let shift = try await RosterFixture.shift(w, unit: w.deptA, person: w.officerA, Date().addingTimeInterval(3600),
                                                      Date().addingTimeInterval(7200))
            let start = CampaignFixtures.iso(Date().addingTimeInterval(86_400)), end = CampaignFixtures.iso(Date().addingTimeInterval(90_000))
            let report = IncidentFlowTests.reportJSON(w)
            let hundredAndOne = (0...100).map { _ in UUID().uuidString }

            let cases: [Case] = [
                Case(method: .POST, path: "/api/v1/tokens", body: Self.json(["name": Self.long(101)]), field: "name"),
                Case(method: .POST, path: "/api/v1/units", body: Self.json(["parentID": province, "code": "X-1", "name": Self.long(301),
                                                                             "kind": "state_agency"]), field: "name"),
                Case(method: .PATCH, path: "/api/v1/units/\(deptA)", body: Self.json(["address": Self.long(501)]), field: "address"),
                Case(method: .POST, path: "/api/v1/people", body: Self.json(["unitID": deptA, "email": "x@test.vn", "fullName": "X",
                                                                              "title": Self.long(201)]), field: "title"),
                Case(method: .POST, path: "/api/v1/people", body: Self.json(["unitID": deptA, "email": "y@test.vn", "fullName": "Y",
                                                                              "roles": (0...100).map { _ in ["role": "auditor"] }]), field: "roles"),
                Case(method: .PATCH, path: "/api/v1/people/\(officer)", body: Self.json(["phone": Self.long(41)]), field: "phone"),
                // The finding: a 5 MB note was stored.
                Case(method: .POST, path: "/api/v1/contacts", body: Self.json(["unitID": deptA, "name": "Trực ban",
                                                                                "note": String(repeating: "x", count: 5_000_000)]), field: "note"),
                Case(method: .POST, path: "/api/v1/contacts", body: Self.json(["unitID": deptA, "name": "Trực ban",
                                                                                "organization": Self.long(501)]), field: "organization"),
                Case(method: .POST, path: "/api/v1/campaigns", body: Self.json(["title": "Đợt", "startsAt": start, "endsAt": end,
                                                                                 "directive": Self.long(100_001)]), field: "directive"),
                Case(method: .POST, path: "/api/v1/campaigns", body: Self.json(["title": "Đợt", "startsAt": start, "endsAt": end,
                                                                                 "items": [["title": Self.long(301), "targetKinds": ["state_agency"]]]]),
                     field: "items[0].title"),
                Case(method: .POST, path: "/api/v1/campaigns", body: Self.json(["title": "Đợt", "startsAt": start, "endsAt": end,
                                                                                 "items": (0...100).map { ["title": "Mục \($0)"] }]), field: "items"),
                Case(method: .PATCH, path: "/api/v1/campaigns/\(campaign.id)", body: Self.json(["documents": [["number": "1/QĐ", "date": "2024-01-01",
                                                                                                                "issuer": Self.long(301)]]]),
                     field: "documents[0].issuer"),
                Case(method: .POST, path: "/api/v1/campaigns/\(campaign.id)/items", body: Self.json(["title": "Mục", "detail": Self.long(10_001)]),
                     field: "detail"),
                Case(method: .PATCH, path: "/api/v1/campaigns/\(campaign.id)/items/\(item)", body: Self.json(["targetKinds": (0...20).map { _ in "it_center" }]),
                     field: "targetKinds"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/shifts", body: Self.json(["personID": officer, "startsAt": start, "endsAt": end,
                                                                                             "role": "technical", "note": Self.long(1_001)]), field: "note"),
                Case(method: .PATCH, path: "/api/v1/shifts/\(shift.id!)", body: Self.json(["personEmail": Self.long(255)]), field: "personEmail"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/shifts/generate",
                     body: Self.json(["pattern": "12h", "from": "2031-01-01", "to": "2031-01-02",
                                      "people": (0...100).map { "p\($0)@test.vn" }]), field: "people"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/systems", body: Self.json(["name": "Hệ thống", "securityLevel": 2,
                                                                                              "purpose": Self.long(10_001)]), field: "purpose"),
                Case(method: .PUT, path: "/api/v1/systems/\(inventory.system)", body: Self.json(["name": "Hệ thống", "securityLevel": 2,
                                                                                                  "domains": (0...100).map { "d\($0).gov.vn" }]),
                     field: "domains"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/assets", body: Self.json(["kind": "server", "name": "Máy chủ",
                                                                                             "notes": Self.long(4_001)]), field: "notes"),
                Case(method: .PUT, path: "/api/v1/assets/\(inventory.asset)", body: Self.json(["kind": "software", "name": "Struts",
                                                                                                "version": Self.long(301)]), field: "version"),
                Case(method: .POST, path: "/api/v1/findings/\(inventory.finding)/status", body: Self.json(["status": "in_progress",
                                                                                                           "note": Self.long(2_001)]), field: "note"),
                Case(method: .POST, path: "/api/v1/advisories", body: Self.json(["title": "Cảnh báo", "body": Self.long(20_001), "cves": ["CVE-2017-5638"],
                                                                                  "requiredAction": "Vá", "tlp": "GREEN"]), field: "body"),
                Case(method: .POST, path: "/api/v1/advisories/\(inventory.advisory)/units/\(deptA)/state",
                     body: Self.json(["state": "acknowledged", "note": Self.long(2_001)]), field: "note"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/monitors", body: Self.json(["name": "Cổng", "kind": "http",
                                                                                               "target": "http://127.0.0.1/" + String(repeating: "a", count: 2_100)]),
                     field: "target"),
                Case(method: .PUT, path: "/api/v1/monitors/\(monitor)", body: Self.json(["name": Self.long(121), "kind": "http", "target": "http://127.0.0.1:9/"]),
                     field: "name"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/maintenance-windows", body: Self.json(["startsAt": start, "endsAt": end,
                                                                                                          "reason": Self.long(501)]), field: "reason"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/webhooks", body: Self.json(["name": Self.long(201), "url": "https://soc.example.gov.vn/h"]),
                     field: "name"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/incidents", body: #"{"title": "\#(Self.long(301))", "report": \#(report)}"#, field: "title"),
                Case(method: .POST, path: "/api/v1/units/\(deptA)/incidents",
                     body: #"{"title": "Sự cố", "report": \#(report.replacingOccurrences(of: #""systemName": "Cổng thông tin Sở A""#, with: #""systemName": "\#(Self.long(256))""#))}"#,
                     field: "systemName"),
                Case(method: .POST, path: "/api/v1/incidents/\(incident)/status", body: Self.json(["status": "triaged", "note": Self.long(10_001)]), field: "note"),
                Case(method: .POST, path: "/api/v1/incidents/\(incident)/updates", body: Self.json(["text": Self.long(20_001)]), field: "text"),
                Case(method: .POST, path: "/api/v1/incidents/\(incident)/tasks", body: Self.json(["title": Self.long(201)]), field: "title"),
                Case(method: .POST, path: "/api/v1/incidents/\(incident)/observables", body: Self.json(["text": "1.2.3.4 " + Self.long(20_001)]), field: "text"),
                Case(method: .PUT, path: "/api/v1/incidents/\(incident)/final-report",
                     body: Self.json(["whatHappened": Self.long(10_001), "impact": "x", "actionsTaken": "x", "rootCause": "x", "preventionMeasures": "x",
                                      "resolvedAt": CampaignFixtures.iso(Date())]), field: "whatHappened"),
                Case(method: .POST, path: "/api/v1/incidents/\(incident)/notify-national", body: Self.json(["kind": "update", "note": Self.long(20_001)]),
                     field: "note"),
                Case(method: .PUT, path: "/api/v1/incidents/\(incident)/sharing", body: Self.json(["tlp": "AMBER", "namedPeople": hundredAndOne]),
                     field: "namedPeople"),
            ]
            for c in cases {
                let audit = try await AuditEntry.query(on: w.db).count()
                let stored = try await Self.rowCounts(w)
                var headers = w.bearer(w.coordinator)
                headers.contentType = .json
                let res = try await w.app.testing().sendRequest(c.method, c.path, headers: headers, body: ByteBuffer(string: c.body))
                #expect(res.status == .unprocessableEntity, "\(c): \(res.status) \(res.body.string.prefix(300))")
                let error = try? res.content.decode(ErrorPageMiddleware.ErrorBody.self)
                #expect(error?.fields?.contains(c.field) == true, "\(c): fields \(error?.fields ?? []), \(error?.reason.prefix(200) ?? "")")
                #expect((error?.reason.count ?? 0) < 2_000, "\(c): the reason does not echo the value")
                #expect(try await AuditEntry.query(on: w.db).count() == audit, "\(c): nothing is audited")
                #expect(try await Self.rowCounts(w) == stored, "\(c): nothing is stored")
            }

            // Multipart inputs: a campaign answer and an incident's evidence.
            let audit = try await AuditEntry.query(on: w.db).count()
            var res = try await CampaignFixtures.report(w, campaign: campaign.id, item: item, unit: w.deptA.id!, as: w.adminA,
                                                        fields: [("status", "done"), ("note", Self.long(4_001))])
            #expect(res.status == .unprocessableEntity && res.body.string.contains(#""note""#), "\(res.status) \(res.body.string.prefix(200))")
            res = try await w.app.testing().sendRequest(.POST, "/api/v1/incidents/\(incident)/evidence",
                                                        headers: CampaignFixtures.multipartHeaders(w.bearer(w.coordinator)),
                                                        body: CampaignFixtures.multipart([("note", Self.long(10_001))],
                                                                                          file: .init(field: "file", filename: "a.txt", data: Array("log".utf8))))
            #expect(res.status == .unprocessableEntity && res.body.string.contains(#""note""#), "\(res.status) \(res.body.string.prefix(200))")
            // A CSV import with an over-long cell: the row is refused, nothing stored.
            res = try await w.app.testing().sendRequest(.POST, "/api/v1/units/\(deptA)/shifts/import",
                                                        headers: [HTTPHeaders.Name.contentType.description: "text/csv", "Authorization": "Bearer \(w.token(w.coordinator))"],
                                                        body: ByteBuffer(string: "person_email,start,end,role,note\n\(w.officerA.email),2032-01-01T00:00:00Z,2032-01-01T08:00:00Z,technical,\(Self.long(1_001))\n"))
            #expect(res.status == .unprocessableEntity && res.body.string.contains("note"), "\(res.status) \(res.body.string.prefix(300))")
            #expect(try await AuditEntry.query(on: w.db).count() == audit)
            #expect(try await DutyShift.query(on: w.db).count() == 1)
        }
    }

    /// Web forms answer 422 too, with the field named on the page.
    @Test func webFormsRefuseOverLongFields() async throws {
        try await withWorld(.sqlite) { w in
            var browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            _ = try await browser.get("/units/\(w.deptA.id!)")
            let contacts = try await Contact.query(on: w.db).count()
            var res = try await browser.post("/units/\(w.deptA.id!)/contacts", form: ["name": "Trực ban", "note": String(repeating: "x", count: 10_001)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("note"), "\(res.status)")
            res = try await browser.post("/units/\(w.deptA.id!)/people", form: ["fullName": Self.long(201), "email": "z@test.vn"])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("fullName"), "\(res.status)")
            _ = try await browser.get("/units/\(w.deptA.id!)/roster")
            res = try await browser.post("/units/\(w.deptA.id!)/roster/shifts", form: ["personID": w.officerA.id!.uuidString, "startsAt": "01/01/2031 07:00",
                                                                                 "endsAt": "01/01/2031 19:00", "note": Self.long(1_001)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("note"), "\(res.status)")
            #expect(try await Contact.query(on: w.db).count() == contacts)
            #expect(try await Person.query(on: w.db).filter(\.$email == "z@test.vn").count() == 0)
            #expect(try await DutyShift.query(on: w.db).count() == 0)
        }
    }

    static func rowCounts(_ w: TestWorld) async throws -> [Int] {
        [try await Contact.query(on: w.db).count(), try await Person.query(on: w.db).count(), try await OrgUnit.query(on: w.db).count(),
         try await Campaign.query(on: w.db).count(), try await ChecklistItem.query(on: w.db).count(), try await DutyShift.query(on: w.db).count(),
         try await InformationSystem.query(on: w.db).count(), try await Asset.query(on: w.db).count(), try await Advisory.query(on: w.db).count(),
         try await Monitor.query(on: w.db).count(), try await MaintenanceWindowRecord.query(on: w.db).count(), try await Webhook.query(on: w.db).count(),
         try await Incident.query(on: w.db).count(), try await IncidentEvent.query(on: w.db).count(), try await IncidentTaskRecord.query(on: w.db).count(),
         try await IncidentObservable.query(on: w.db).count(), try await OutboxMail.query(on: w.db).count(), try await APIToken.query(on: w.db).count()]
    }
}
