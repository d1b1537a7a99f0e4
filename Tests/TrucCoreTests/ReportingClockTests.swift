import Foundation
import Testing
@testable import TrucCore

@Suite struct ReportingClockTests {
    let detected = IncidentSamples.utc(2026, 4, 29, 1, 30)
    var deadline: Date { detected.addingTimeInterval(5 * 86_400) }

    private func status(at offsetFromDeadline: TimeInterval, reportedAt: Date? = nil) -> ReportingClockStatus {
        ReportingClock.status(detectedAt: detected, reportedAt: reportedAt,
                              now: deadline.addingTimeInterval(offsetFromDeadline))
    }

    @Test func deadlineIsFiveTimes24Hours() {
        #expect(ReportingClock.deadline(detectedAt: detected) == IncidentSamples.utc(2026, 5, 4, 1, 30))
        // Across the 30/4–01/5 holidays and a weekend: calendar days, no extension.
        #expect(ReportingClock.deadline(detectedAt: IncidentSamples.utc(2026, 4, 30, 23, 0))
            == IncidentSamples.utc(2026, 5, 5, 23, 0))
    }

    @Test func statesAtTheBoundaries() {
        // Just detected.
        #expect(status(at: -5 * 86_400) == .onTime(remaining: 5 * 86_400))
        // Exactly 24 h left: still on time; one second less: due soon.
        #expect(status(at: -86_400) == .onTime(remaining: 86_400))
        #expect(status(at: -86_399) == .dueSoon(remaining: 86_399))
        // At the deadline: due, 0 left; one second after: overdue.
        #expect(status(at: 0) == .dueSoon(remaining: 0))
        #expect(status(at: 1) == .overdue(by: 1))
        #expect(status(at: 1).needsAttention && status(at: 0).needsAttention && !status(at: -86_400).needsAttention)
    }

    @Test func reportedStatesIgnoreNow() {
        #expect(status(at: 99_999, reportedAt: deadline) == .reportedOnTime)
        #expect(status(at: -99_999, reportedAt: detected) == .reportedOnTime)
        #expect(status(at: 0, reportedAt: deadline.addingTimeInterval(1)) == .reportedLate(by: 1))
        #expect(status(at: 0, reportedAt: deadline.addingTimeInterval(3 * 3600)) == .reportedLate(by: 3 * 3600))
        #expect(!ReportingClockStatus.reportedLate(by: 10).needsAttention)
    }

    @Test func texts() {
        let remaining = ReportingClockStatus.onTime(remaining: 2 * 86_400 + 3 * 3600 + 59 * 60 + 59)
        #expect(remaining.vietnamese == "Còn 2 ngày 3 giờ để báo cáo ban đầu")
        #expect(remaining.english == "2 days 3 hours left to send the initial report")
        let overdue = ReportingClockStatus.overdue(by: 86_400 + 4 * 3600 + 30)
        #expect(overdue.vietnamese == "Quá hạn báo cáo 1 ngày 4 giờ")
        #expect(overdue.english == "Initial report overdue by 1 day 4 hours")
        #expect(ReportingClockStatus.dueSoon(remaining: 5 * 3600 + 12 * 60).vietnamese
            == "Còn 5 giờ 12 phút để báo cáo ban đầu")
        #expect(ReportingClockStatus.dueSoon(remaining: 3600).english == "1 hour left to send the initial report")
        #expect(ReportingClockStatus.dueSoon(remaining: 40 * 60 + 59).vietnamese == "Còn 40 phút để báo cáo ban đầu")
        #expect(ReportingClockStatus.dueSoon(remaining: 59).vietnamese == "Còn dưới 1 phút để báo cáo ban đầu")
        #expect(ReportingClockStatus.dueSoon(remaining: 0).english == "Less than a minute left to send the initial report")
        #expect(ReportingClockStatus.onTime(remaining: 86_400).vietnamese == "Còn 1 ngày để báo cáo ban đầu")
        #expect(ReportingClockStatus.reportedOnTime.vietnamese == "Đã báo cáo ban đầu đúng hạn")
        #expect(ReportingClockStatus.reportedOnTime.english == "Initial report sent on time")
        #expect(ReportingClockStatus.reportedLate(by: 3 * 3600).vietnamese == "Đã báo cáo ban đầu trễ 3 giờ")
        #expect(ReportingClockStatus.reportedLate(by: 60).english == "Initial report sent 1 minute late")
        #expect(ReportingClockStatus.overdue(by: 2 * 86_400 + 120).english == "Initial report overdue by 2 days")
        #expect(ReportingClockStatus.overdue(by: .infinity).vietnamese == "Quá hạn báo cáo dưới 1 phút")
    }
}
