import Foundation
import Testing
@testable import TrucCore

@Suite struct TBSCSubjectTests {
    @Test func variants() {
        #expect(TBSCSubject.initialReport(reference: "SC-2026-0007", organization: "Sở Y tế",
                                          summary: "Tấn công thay đổi giao diện cổng thông tin")
            == "[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 – Sở Y tế – Tấn công thay đổi giao diện cổng thông tin")
        #expect(TBSCSubject.update(reference: "SC-2026-0007", organization: "Sở Y tế", summary: "Đã ngăn chặn")
            == "[TBSC] Cập nhật tình hình sự cố SC-2026-0007 – Sở Y tế – Đã ngăn chặn")
        #expect(TBSCSubject.finalReport(reference: "SC-2026-0007", organization: "Sở Y tế", summary: "")
            == "[TBSC] Báo cáo kết thúc ứng phó sự cố SC-2026-0007 – Sở Y tế")
        #expect(TBSCSubject.supportRequest(reference: "SC-2026-0007", organization: " ", summary: "Mã độc tống tiền")
            == "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Mã độc tống tiền")
    }

    @Test func neverContainsLineBreaks() {
        let subject = TBSCSubject.initialReport(reference: "SC-2026-0007\r\nBcc: x@example.org",
                                                organization: "Sở\nY tế", summary: "Dòng 1\r\n\tDòng 2\u{2028}3\u{0}")
        #expect(!subject.contains("\r") && !subject.contains("\n") && !subject.contains("\u{2028}"))
        #expect(subject == "[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 Bcc: x@example.org – Sở Y tế – Dòng 1 Dòng 2 3")
        #expect(subject.hasPrefix("[TBSC] "))
    }

    @Test func shortensTheSummaryFirst() {
        let summary = String(repeating: "Tấn công ", count: 40)
        let subject = TBSCSubject.initialReport(reference: "SC-2026-0007", organization: "Sở Y tế", summary: summary)
        #expect(subject.count <= 200)
        #expect(subject.hasPrefix("[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 – Sở Y tế – Tấn công"))
        #expect(subject.hasSuffix("…"))
        #expect(!subject.hasSuffix(" …"))
        // Exactly 200 fits without shortening.
        let head = "[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 – Sở Y tế – "
        let exact = String(repeating: "x", count: 200 - head.count)
        #expect(TBSCSubject.initialReport(reference: "SC-2026-0007", organization: "Sở Y tế", summary: exact)
            == head + exact)
        #expect(TBSCSubject.initialReport(reference: "SC-2026-0007", organization: "Sở Y tế", summary: exact + "y")
            .count == 200)
    }

    @Test func thenTheOrganization() {
        let organization = String(repeating: "Ban Quản lý Khu kinh tế ", count: 12)
        for make in [TBSCSubject.initialReport, TBSCSubject.update, TBSCSubject.finalReport, TBSCSubject.supportRequest] {
            let subject = make("SC-2026-0007", organization, "Tấn công DDoS")
            #expect(subject.count <= 200)
            #expect(subject.hasPrefix("[TBSC] "))
            #expect(subject.contains("SC-2026-0007 – Ban Quản lý Khu kinh tế"))
            #expect(subject.hasSuffix("…"))
            #expect(!subject.contains("DDoS"))
        }
        let longReference = TBSCSubject.initialReport(reference: String(repeating: "R", count: 500), organization: "",
                                                      summary: "")
        #expect(longReference == "[TBSC] Báo cáo ban đầu sự cố " + String(repeating: "R", count: 40))
    }
}
