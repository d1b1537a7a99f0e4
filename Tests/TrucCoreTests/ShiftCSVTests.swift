import Foundation
import Testing
import TrucCore

@Suite struct ShiftCSVTests {
    let tz = Fixture.hcm

    func rows(_ text: String) throws -> [ShiftCSV.Row] {
        try ShiftCSV.parse(text, timeZone: tz).get()
    }

    func failure(_ text: String) -> ShiftCSV.Failure? {
        if case .failure(let failure) = ShiftCSV.parse(text, timeZone: tz) { return failure }
        return nil
    }

    func rowErrors(_ text: String) -> [ShiftCSV.RowError] {
        if case .rows(let errors) = failure(text) { return errors }
        return []
    }

    @Test func parsesValidFile() throws {
        let text = """
        person_email,start,end,role,note
        an.nv@quangninh.gov.vn,30/04/2023 00:00,30/04/2023 08:00,technical,Ca 1
        Binh.TT@QuangNinh.gov.vn,2023-04-30T08:00:00+07:00,2023-04-30T16:00:00+07:00,kỹ thuật,
        chi.lt@quangninh.gov.vn,30/04/2023 16:00,01/05/2023 00:00,ky thuat
        giamdoc@quangninh.gov.vn,30/04/2023 07:30,30/04/2023 17:00,lãnh đạo,"Trực lãnh đạo, ngày lễ"
        """
        let result = try rows(text)
        #expect(result == [
            ShiftCSV.Row(line: 2, personEmail: "an.nv@quangninh.gov.vn", start: Fixture.date(2023, 4, 30, 0),
                         end: Fixture.date(2023, 4, 30, 8), role: .technical, note: "Ca 1"),
            ShiftCSV.Row(line: 3, personEmail: "binh.tt@quangninh.gov.vn", start: Fixture.date(2023, 4, 30, 8),
                         end: Fixture.date(2023, 4, 30, 16), role: .technical, note: nil),
            ShiftCSV.Row(line: 4, personEmail: "chi.lt@quangninh.gov.vn", start: Fixture.date(2023, 4, 30, 16),
                         end: Fixture.date(2023, 5, 1, 0), role: .technical, note: nil),
            ShiftCSV.Row(line: 5, personEmail: "giamdoc@quangninh.gov.vn", start: Fixture.date(2023, 4, 30, 7, 30),
                         end: Fixture.date(2023, 4, 30, 17), role: .leader, note: "Trực lãnh đạo, ngày lễ"),
        ])
    }

    /// A cell over its limit is a row error that names the column without repeating the text; nothing is imported.
    @Test func overLongCellsAreRowErrors() {
        let note = String(repeating: "ệ", count: ShiftCSV.cellLimits["note"]! + 1)
        let start = String(repeating: "3", count: 100_000)
        let errors = rowErrors("""
        person_email,start,end,role,note
        an.nv@quangninh.gov.vn,30/04/2023 00:00,30/04/2023 08:00,technical,\(note)
        an.nv@quangninh.gov.vn,\(start),30/04/2023 08:00,technical,
        """)
        #expect(errors.map(\.line) == [2, 3])
        #expect(errors.first?.message.contains("note") == true)
        #expect(errors.last?.message.contains("start") == true)
        #expect(errors.last?.message.contains("Thiếu") == false, "no second message for the same cell")
        #expect(errors.allSatisfy { $0.message.count < 300 }, "the cell is not echoed")
    }

    @Test func headerIsCaseInsensitiveInAnyOrderWithExtraColumns() throws {
        let text = "Role, STT ,End,Person_Email,Start,Ghi chú\nleader,1,30/04/2023 17:00,a@b.vn,30/04/2023 07:30,x\n"
        let result = try rows(text)
        #expect(result.count == 1)
        #expect(result.first?.role == .leader)
        #expect(result.first?.note == nil)
        #expect(result.first?.personEmail == "a@b.vn")
    }

    @Test func acceptsBOMAndCRLFAndQuotedFields() throws {
        let text = "\u{FEFF}person_email,start,end,role,note\r\n"
            + "\"a@b.vn\",\"30/04/2023 07:00\",\"30/04/2023 19:00\",\"technical\",\"dòng 1\r\ndòng 2, có \"\"ngoặc\"\"\"\r\n"
            + "c@d.vn,30/04/2023 19:00,01/05/2023 07:00,leader,\r\n"
        let result = try rows(text)
        #expect(result.map(\.line) == [2, 4])
        #expect(result.first?.note == "dòng 1\r\ndòng 2, có \"ngoặc\"")
    }

    @Test func acceptsSemicolonDelimiter() throws {
        let text = "person_email;start;end;role\na@b.vn;30/04/2023 07:00;30/04/2023 19:00;kỹ thuật\n"
        #expect(try rows(text).count == 1)
    }

    @Test func lineNumbersCountMultilineFieldsAndBlankLines() {
        let text = """
        person_email,start,end,role,note
        a@b.vn,30/04/2023 07:00,30/04/2023 19:00,technical,"first
        second
        third"

        bad-email,30/04/2023 07:00,30/04/2023 19:00,technical,
        ,,,,
        c@d.vn,30/04/2023 25:00,30/04/2023 19:00,technical,
        """
        #expect(rowErrors(text).map(\.line) == [6, 8])
    }

    @Test func reportsEveryRowError() {
        let text = """
        person_email,start,end,role
        ,30/04/2023 07:00,30/04/2023 19:00,technical
        not-an-email,30/04/2023 07:00,30/04/2023 19:00,technical
        a@b.vn,hôm nay,30/04/2023 19:00,technical
        a@b.vn,30/04/2023 19:00,30/04/2023 19:00,technical
        a@b.vn,30/04/2023 19:00,30/04/2023 07:00,technical
        a@b.vn,30/04/2023 07:00,30/04/2023 19:00,trưởng ca
        a@b.vn,30/04/2023 07:00,01/05/2023 07:01,technical
        a@b.vn,30/04/2023 07:00
        a@b.vn,30/04/2023,01/05/2023,leader
        a@b.vn,31/02/2023 07:00,01/03/2023 07:00,leader
        ok@b.vn,30/04/2023 07:00,01/05/2023 07:00,leader
        """
        let errors = rowErrors(text)
        #expect(errors.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 10, 11])
        #expect(errors[0].message.contains("person_email"))
        #expect(errors[1].message.contains("Email"))
        #expect(errors[2].message.contains("hôm nay"))
        #expect(errors[3].message.contains("sau thời gian bắt đầu"))
        #expect(errors[4].message.contains("sau thời gian bắt đầu"))
        #expect(errors[5].message.contains("trưởng ca"))
        #expect(errors[6].message.contains("24 giờ"))
        #expect(errors[7].message.contains("end"))
        #expect(errors[8].message.contains("role"))
        #expect(errors[9].message.contains("thiếu giờ"))
        #expect(errors[11].message.contains("31/02/2023"))
        #expect(errors[0].description.hasPrefix("Dòng 2: "))
    }

    @Test func exactlyTwentyFourHoursIsAllowed() throws {
        let text = "person_email,start,end,role\na@b.vn,30/04/2023 07:00,01/05/2023 07:00,technical\n"
        #expect(try rows(text).count == 1)
    }

    @Test(arguments: ["technical", "TECHNICAL", "Kỹ thuật", "ky thuat", "KY_THUAT", "trực kỹ thuật"])
    func technicalRoleSpellings(role: String) throws {
        let text = "person_email,start,end,role\na@b.vn,30/04/2023 07:00,30/04/2023 19:00,\(role)\n"
        #expect(try rows(text).first?.role == .technical)
    }

    @Test(arguments: ["leader", "Leader", "lãnh đạo", "LÃNH ĐẠO", "lanh dao", "Lanh-Dao", "trực lãnh đạo"])
    func leaderRoleSpellings(role: String) throws {
        let text = "person_email,start,end,role\na@b.vn,30/04/2023 07:00,30/04/2023 19:00,\(role)\n"
        #expect(try rows(text).first?.role == .leader)
    }

    @Test func decomposedVietnameseRole() {
        #expect(DutyRole(lenient: "lãnh đạo".decomposedStringWithCanonicalMapping) == .leader)
        #expect(DutyRole(lenient: "kỹ thuật".decomposedStringWithCanonicalMapping) == .technical)
        #expect(DutyRole(lenient: "") == nil)
    }

    @Test(arguments: ["", "   \n\r\n", "\u{FEFF}", "person_email,start,end,role\n", "person_email,start,end,role\n\n\n",
                      "email,start,end,role\na@b.vn,30/04/2023 07:00,30/04/2023 19:00,technical",
                      "person_email,start,end\na@b.vn,30/04/2023 07:00,30/04/2023 19:00",
                      "%PDF-1.4\n%âãÏÓ\n1 0 obj\n", ",,,\n ,\n"])
    func malformedFiles(text: String) {
        guard case .malformed(let message) = failure(text) else {
            Issue.record("expected .malformed for \(text.debugDescription)")
            return
        }
        #expect(!message.isEmpty)
    }

    @Test func missingColumnsAreNamed() {
        guard case .malformed(let message) = failure("person_email,start\n") else {
            Issue.record("expected .malformed")
            return
        }
        #expect(message.contains("end, role"))
    }

    @Test func rowLimit() throws {
        let line = "a@b.vn,30/04/2023 07:00,30/04/2023 19:00,technical\n"
        let header = "person_email,start,end,role\n"
        #expect(try rows(header + String(repeating: line, count: ShiftCSV.maxRows)).count == 5000)
        guard case .malformed = failure(header + String(repeating: line, count: ShiftCSV.maxRows + 1)) else {
            Issue.record("expected .malformed beyond \(ShiftCSV.maxRows) rows")
            return
        }
    }

    @Test func rowErrorIsCodable() throws {
        let error = ShiftCSV.RowError(line: 3, message: "Email không hợp lệ")
        let decoded = try JSONDecoder().decode(ShiftCSV.RowError.self, from: JSONEncoder().encode(error))
        #expect(decoded == error)
    }
}
