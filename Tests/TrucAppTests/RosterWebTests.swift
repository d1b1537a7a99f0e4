import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

@Suite struct RosterWebTests {
    typealias F = RosterFixture

    /// POSTs a multipart form with one file, as a browser's upload form does.
    static func upload(_ session: inout BrowserSession, _ path: String, fields: [String: String], file: (name: String, filename: String, text: String),
                       csrf: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "----truc-roster-\(UUID().uuidString)"
        var body = ""
        var all = fields
        if csrf { all["_csrf"] = session.csrf }
        for (name, value) in all {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n\(file.text)\r\n"
        body += "--\(boundary)--\r\n"
        var headers = session.headers()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await session.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: TestDatabase.available)
    func adminAddsAShiftThroughTheRosterPage(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let a = w.deptA.id!
            var browser = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let page = try await browser.get("/units/\(a)/roster")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Lịch trực"))
            #expect(page.body.string.contains("action=\"/units/\(a)/roster/shifts\""))
            // Nothing is on duty in the next 7 days: the whole period is one highlighted gap.
            #expect(page.body.string.contains("class=\"gap\""))

            let form = ["personID": w.officerA.id!.uuidString, "startsAt": "2023-04-30T07:00", "endsAt": "2023-04-30T19:00",
                        "role": "technical", "note": "Trực lễ", "campaignID": ""]
            // Without the CSRF token: refused, nothing stored.
            let forged = try await browser.post("/units/\(a)/roster/shifts", form: form, csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await F.count(w) == 0)

            let res = try await browser.post("/units/\(a)/roster/shifts", form: form)
            #expect(res.status == .seeOther, "\(res.status) \(res.body.string)")
            let location = try #require(res.headers.first(name: .location))
            #expect(location.hasPrefix("/units/\(a)/roster?msg="))
            let ascii = location.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii)
            let flashed = try await browser.get(location)
            #expect(flashed.body.string.contains("Đã thêm ca trực"))
            let shifts = try await DutyShift.query(on: w.db).all()
            #expect(shifts.count == 1)
            #expect(shifts.first?.startsAt == F.vnTime("30/04/2023 07:00"))
            #expect(shifts.first?.endsAt == F.vnTime("30/04/2023 19:00"))
            #expect(shifts.first?.$person.id == w.officerA.id)
            #expect(shifts.first?.note == "Trực lễ")
            #expect(try await F.audits(w, "shift.create").first?.actorID == w.adminA.id)

            // A bad form gets a page with the reason, in Vietnamese.
            var bad = form
            bad["endsAt"] = "2023-04-30T06:00"
            let refused = try await browser.post("/units/\(a)/roster/shifts", form: bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Thời gian kết thúc phải sau thời gian bắt đầu"))
            #expect(try await F.count(w) == 1)

            // The list shows it when asked for that day; the edit page and delete work.
            let list = try await browser.get("/units/\(a)/roster?from=2023-04-30&to=2023-04-30")
            #expect(list.body.string.contains("30/04/2023 07:00"))
            #expect(list.body.string.contains("Cán Bộ A"))
            let id = shifts[0].id!
            let edit = try await browser.get("/shifts/\(id)/edit")
            #expect(edit.status == .ok)
            #expect(edit.body.string.contains("value=\"2023-04-30T07:00\""))
            var changed = form
            changed["endsAt"] = "30/04/2023 20:00"
            let saved = try await browser.post("/shifts/\(id)/edit", form: changed)
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(try await DutyShift.find(id, on: w.db)?.endsAt == F.vnTime("30/04/2023 20:00"))
            let deleted = try await browser.post("/shifts/\(id)/delete", form: [:])
            #expect(deleted.status == .seeOther)
            #expect(try await F.count(w) == 0)
            #expect(try await F.audits(w, "shift.delete").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func generateImportAndCoverageOnTheRosterPage(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let a = w.deptA.id!
            let campaign = try await F.campaign(w, F.vnTime("30/04/2023 00:00"), F.vnTime("01/05/2023 00:00"))
            var browser = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            try await browser.get("/units/\(a)/roster")

            // Generate 12h day/night for 30/04 with one person... the form field is people[].
            let generated = try await browser.post("/units/\(a)/roster/generate", form: [
                "pattern": "custom", "slots": "00:00-08:00, 16:00-00:00", "from": "2023-04-30", "to": "2023-04-30",
                "people[]": w.officerA.id!.uuidString, "role": "technical", "campaignID": campaign.id!.uuidString,
            ])
            #expect(generated.status == .seeOther, "\(generated.body.string)")
            #expect(try await F.count(w) == 2)

            // Coverage for the campaign: the 08:00–16:00 gap and the day without a leader, highlighted.
            let page = try await browser.get("/units/\(a)/roster?campaignID=\(campaign.id!)")
            let html = page.body.string
            #expect(html.contains("<tr class=\"gap\"><td>30/04/2023 08:00</td><td>30/04/2023 16:00</td><td>8 giờ</td></tr>"), "\(html)")
            #expect(html.contains("<li class=\"gap\">30/04/2023</li>"))

            // An import with one bad row: a page listing the line, nothing stored.
            let csv = """
            person_email,start,end,role
            officer.a@test.vn,30/04/2023 08:00,30/04/2023 16:00,technical
            admin.b@test.vn,30/04/2023 08:00,30/04/2023 20:00,leader
            """
            let failed = try await Self.upload(&browser, "/units/\(a)/roster/import", fields: ["campaignID": ""],
                                               file: ("file", "lich.csv", csv))
            #expect(failed.status == .unprocessableEntity, "\(failed.status) \(failed.body.string)")
            #expect(failed.body.string.contains("<td>3</td>"))
            #expect(failed.body.string.contains("admin.b@test.vn"))
            #expect(try await F.count(w) == 2)

            let fixed = csv.replacingOccurrences(of: "admin.b@test.vn", with: "admin.a@test.vn")
            let imported = try await Self.upload(&browser, "/units/\(a)/roster/import", fields: ["campaignID": campaign.id!.uuidString],
                                                 file: ("file", "lich.csv", fixed))
            #expect(imported.status == .seeOther, "\(imported.body.string)")
            #expect(try await F.count(w) == 4)
            let after = try await browser.get("/units/\(a)/roster?campaignID=\(campaign.id!)")
            #expect(!after.body.string.contains("class=\"gap\""))
            #expect(after.body.string.contains("Đủ người trực kỹ thuật"))

            // iCalendar download with the session.
            let ics = try await browser.get("/units/\(a)/roster.ics?from=2023-04-30")
            #expect(ics.status == .ok)
            #expect(ics.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            #expect(ics.body.string.components(separatedBy: "BEGIN:VEVENT").count - 1 == 4)
            let mine = try await browser.get("/people/\(w.adminA.id!)/roster.ics?from=2023-04-30")
            #expect(mine.body.string.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onDutyPages(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let now = F.now()
            try await F.shift(w, unit: w.deptA, person: w.officerA, now - 3600, now + 7200)
            var officer = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            let unit = try await officer.get("/on-duty?unitID=\(w.deptA.id!)")
            #expect(unit.status == .ok)
            #expect(unit.body.string.contains("Cán Bộ A"))
            #expect(unit.body.string.contains("tel:0900000000"))
            #expect(unit.body.string.contains("mailto:officer.a@test.vn"))
            #expect(unit.body.string.contains(VNDateFormat.format(now + 7200, timeZone: F.vn)))
            #expect(try await officer.get("/on-duty?unitID=\(w.deptB.id!)").status == .notFound)
            // The officer's board: their units only (deptA and agency A1), both with gaps ahead.
            let board = try await officer.get("/on-duty")
            #expect(board.body.string.contains("Sở A"))
            #expect(board.body.string.contains("Chi cục A1"))
            #expect(!board.body.string.contains("Sở B"))

            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let province = try await coordinator.get("/on-duty")
            #expect(province.status == .ok)
            #expect(province.body.string.contains("Trực toàn tỉnh"))
            #expect(province.body.string.contains("5/5"))
            #expect(province.body.string.contains("Sở B"))
        }
    }
}
