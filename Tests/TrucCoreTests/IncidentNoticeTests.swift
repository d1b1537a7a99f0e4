import Foundation
import Testing
@testable import TrucCore

@Suite struct IncidentNoticeTests {
    let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func facts(tlp: TLP = .amber, final: Bool = false, support: Bool = false) -> IncidentNotice.Facts {
        var report = IncidentSamples.report
        report.supportRequested = support
        report.supportDetails = support ? "Cần phân tích mã độc" : nil
        let finalReport = final ? FinalIncidentReport(
            whatHappened: "Khai thác plugin.\nThay trang chủ.", impact: "Gián đoạn 6 giờ.", actionsTaken: "Khôi phục.",
            rootCause: "Plugin cũ.", preventionMeasures: "Cập nhật định kỳ.", resolvedAt: IncidentSamples.utc(2026, 4, 29, 9, 0),
            recommendations: nil) : nil
        return IncidentNotice.Facts(reference: "SC-2026-0007", title: "Thay đổi giao diện cổng thông tin", unitName: "Sở Y tế tỉnh",
                                    tlp: tlp, detectedAt: IncidentSamples.detectedAt, report: report, finalReport: finalReport)
    }

    func refusal(_ body: () throws(FieldValidationError) -> Void) -> Set<String> {
        do { try body(); return [] } catch { return error.fields }
    }

    @Test func initialReportCarriesEveryFieldOfForm03() throws {
        let notice = try IncidentNotice.national(.initial, facts(), note: "Kính đề nghị hỗ trợ.", sender: "Nguyễn Văn An <an@x.vn>\r\nBcc: y",
                                                 timeZone: zone)
        #expect(notice.subject == "[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 – Sở Y tế – Thay đổi giao diện cổng thông tin")
        let lines = IncidentSamples.report.formLines(timeZone: zone)
        #expect(lines.count == 24)
        for line in lines where !line.value.contains("\n") {
            #expect(notice.body.contains("\(line.label): \(line.value.isEmpty ? "—" : line.value)"), "\(line.label)")
        }
        // Dates in Vietnam's time: detected 01:30 UTC is 08:30 there.
        #expect(notice.body.contains("Thời điểm phát hiện: 29/04/2026 08:30"))
        #expect(notice.body.contains("Đã thông báo cho: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)"))
        #expect(notice.body.hasPrefix("Kính gửi: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)"))
        #expect(notice.body.contains("Kính đề nghị hỗ trợ.") && notice.body.contains("TLP:AMBER"))
        // The sender's line cannot carry a header or a second line.
        #expect(notice.body.contains("Người gửi: Nguyễn Văn An <an@x.vn> Bcc: y"))
        #expect(!notice.subject.contains("\n"))
    }

    @Test func finalReportNeedsForm04AndUpdateNeedsText() throws {
        #expect(refusal { () throws(FieldValidationError) in _ = try IncidentNotice.national(.final, facts(), note: nil, sender: "a", timeZone: zone) } == ["kind"])
        #expect(refusal { () throws(FieldValidationError) in _ = try IncidentNotice.national(.update, facts(), note: "  ", sender: "a", timeZone: zone) } == ["note"])
        // TLP:RED is refused, with every other problem listed too.
        #expect(refusal { () throws(FieldValidationError) in _ = try IncidentNotice.national(.update, facts(tlp: .red), note: nil, sender: "a", timeZone: zone) } == ["tlp", "note"])

        let final = try IncidentNotice.national(.final, facts(final: true), note: nil, sender: "a", timeZone: zone)
        #expect(final.subject.hasPrefix("[TBSC] Báo cáo kết thúc ứng phó sự cố SC-2026-0007 – Sở Y tế"))
        #expect(final.body.contains("Thời điểm khắc phục: 29/04/2026 16:00"))
        // A value over several lines is indented under its label.
        #expect(final.body.contains("Diễn biến, nguyên nhân:\n    Khai thác plugin.\n    Thay trang chủ."))
        #expect(final.body.contains("Kiến nghị: —"))

        let update = try IncidentNotice.national(.update, facts(), note: "Đã cô lập máy chủ.", sender: "a", timeZone: zone)
        #expect(update.subject.hasPrefix("[TBSC] Cập nhật tình hình sự cố SC-2026-0007"))
        #expect(update.body.contains("Đã cô lập máy chủ.") && !update.body.contains("Tên hệ thống bị sự cố"))
    }

    @Test func supportRequestGoesToTheTeamInBothLanguages() {
        let notice = IncidentNotice.supportRequest(facts(support: true), link: "https://truc.example/incidents/1", timeZone: zone)
        #expect(notice.subject == "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Sở Y tế – Thay đổi giao diện cổng thông tin")
        #expect(notice.body.contains("Sở Y tế tỉnh đề nghị hỗ trợ ứng cứu khẩn cấp sự cố SC-2026-0007."))
        #expect(notice.body.contains("requests emergency support"))
        #expect(notice.body.contains("Đề nghị / Request: Cần phân tích mã độc"))
        #expect(notice.body.contains("Trang chủ bị thay đổi giao diện"))
        #expect(notice.body.contains("Nguyễn Văn An · 0912 345 678 · an.nv@syt.example.gov.vn"))
        #expect(notice.body.contains("https://truc.example/incidents/1"))
    }

    @Test func aReminderSaysHowLongTheRequestHasWaited() {
        let notice = IncidentNotice.supportRequest(facts(support: true), link: "l", timeZone: zone, waitingMinutes: 30)
        #expect(notice.subject.hasPrefix("[TBSC] Nhắc lại đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Sở Y tế"))
        #expect(notice.body.hasPrefix("NHẮC LẠI: chưa ai phân loại sự cố sau 30 phút."))
    }

    @Test func supportRequestOfARedIncidentTellsNothingButWhoToCall() {
        let notice = IncidentNotice.supportRequest(facts(tlp: .red, support: true), link: "https://truc.example/incidents/1", timeZone: zone)
        #expect(notice.subject == "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Sở Y tế")
        #expect(!notice.body.contains("Thay đổi giao diện") && !notice.body.contains("Trang chủ") && !notice.body.contains("mã độc"))
        #expect(notice.body.contains("Nguyễn Văn An") && notice.body.contains("TLP:RED"))
    }
}
