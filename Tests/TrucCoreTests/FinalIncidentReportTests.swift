import Foundation
import Testing
@testable import TrucCore

@Suite struct FinalIncidentReportTests {
    let detected = IncidentSamples.utc(2026, 4, 29, 1, 30)
    let now = IncidentSamples.utc(2026, 5, 2, 10, 0)

    var report: FinalIncidentReport {
        FinalIncidentReport(
            whatHappened: "  Tin tặc khai thác lỗ hổng plugin, thay trang chủ.\r\n", impact: "Cổng gián đoạn 6 giờ.",
            actionsTaken: "Cô lập máy chủ, khôi phục từ bản sao lưu.", rootCause: "Plugin chưa cập nhật.",
            preventionMeasures: "Cập nhật định kỳ, bật WAF.", resolvedAt: IncidentSamples.utc(2026, 4, 29, 9, 0),
            recommendations: "  ")
    }

    private func problems(_ report: FinalIncidentReport) -> IncidentValidationError? {
        IncidentSamples.problems { () throws(IncidentValidationError) in
            _ = try report.validated(detectedAt: detected, now: now)
        }
    }

    @Test func validReportIsNormalised() throws {
        let valid = try report.validated(detectedAt: detected, now: now)
        #expect(valid.whatHappened == "Tin tặc khai thác lỗ hổng plugin, thay trang chủ.")
        #expect(valid.recommendations == nil)
        #expect(try valid.validated(detectedAt: detected, now: now) == valid)
    }

    @Test func listsEveryProblem() {
        let bad = FinalIncidentReport(whatHappened: " ", impact: "", actionsTaken: "\n\n", rootCause: "",
                                      preventionMeasures: " \t ", resolvedAt: detected.addingTimeInterval(-1),
                                      recommendations: String(repeating: "r", count: 10_001))
        guard let error = problems(bad) else { Issue.record("should throw"); return }
        #expect(error.problems.map(\.field) == ["whatHappened", "impact", "actionsTaken", "rootCause",
                                                "preventionMeasures", "resolvedAt", "recommendations"])
        #expect(error.problems[0].vietnamese == "Chưa nhập diễn biến sự cố.")
        #expect(error.problems[4].english == "The description of the prevention measures is required.")
        #expect(error.problems[5].english == "The resolution time is earlier than the detection time.")
        #expect(error.problems[6].vietnamese == "Kiến nghị, đề xuất dài 10001 ký tự; tối đa 10000 ký tự.")
    }

    @Test func resolutionTimeBounds() {
        var r = report
        r.resolvedAt = detected
        #expect(problems(r) == nil)
        r.resolvedAt = now.addingTimeInterval(300)
        #expect(problems(r) == nil)
        r.resolvedAt = now.addingTimeInterval(301)
        #expect(problems(r)?.problems.map(\.vietnamese) == ["Thời điểm khắc phục xong ở tương lai."])
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(FinalIncidentReport.self, from: data) == report)
    }
}
