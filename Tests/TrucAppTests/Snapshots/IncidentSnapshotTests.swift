import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// A triaged DDoS incident seen by the response team: response forms, a timeline, an open and a done task,
/// observables (one stricter than the incident), evidence, a queued report to VNCERT/CC.
@Suite struct IncidentSnapshotTests {
    typealias F = SnapshotFixture

    static func model() -> IncidentShow.Model {
        let now = F.now
        let hour: TimeInterval = 3600
        let detected = now.addingTimeInterval(-26 * hour)
        let reported = now.addingTimeInterval(-24 * hour)
        let report = InitialIncidentReport(
            reporterOrganization: "Sở Tài chính tỉnh", reporterName: "Phạm Văn Báo", reporterPhone: "0987 654 321",
            reporterEmail: "bao@stc.example.gov.vn", operatingUnit: "Trung tâm CNTT Sở Tài chính", owningAgency: "Sở Tài chính",
            systemName: "Cổng thông tin điện tử Sở Tài chính", domains: ["stc.example.gov.vn"], ipAddresses: ["203.0.113.10"],
            summary: "Lưu lượng bất thường từ 203.0.113[.]7 làm cổng thông tin không truy cập được.\nĐã chặn tạm thời tại tường lửa.",
            detectedAt: detected, currentStatus: .ongoing, detectionMethod: .monitoringSystem, supportRequested: true,
            supportDetails: "Cần hỗ trợ phân tích lưu lượng và lọc tấn công.", reportedAt: reported)
        let summary = IncidentSummaryDTO(
            id: F.id(501), reference: "SC-2026-007", title: "Tấn công từ chối dịch vụ cổng thông tin", unitID: F.department,
            unitName: "Sở Tài chính", status: .triaged, severity: .high, category: .ddos, tlp: .amber, detectedAt: detected,
            reportedAt: reported, supportRequested: true, reportDeadline: detected.addingTimeInterval(5 * 24 * hour), reportedLate: false,
            assigneeID: F.id(102))
        let mail = OutboxMail()
        mail.id = F.id(901)
        mail.purpose = .national
        mail.recipient = "ir@vncert.vn"
        mail.subject = "[TBSC] SC-2026-007 Báo cáo ban đầu"
        mail.status = .sent
        mail.attempts = 1
        mail.createdAt = reported
        mail.sentAt = reported.addingTimeInterval(60)
        let dto = IncidentDTO(
            incident: summary, report: report, finalReport: nil, clock: "Còn 3 ngày 22 giờ để gửi báo cáo ban đầu",
            timeline: [IncidentEventDTO(at: reported, actorName: "Phạm Văn Báo", kind: "reported", text: "Báo cáo ban đầu sự cố."),
                       IncidentEventDTO(at: now.addingTimeInterval(-20 * hour), actorName: F.coordinator.fullName, kind: "triaged",
                                        text: "Mức độ: Cao · Loại: Tấn công từ chối dịch vụ"),
                       IncidentEventDTO(at: now.addingTimeInterval(-2 * hour), actorName: "Trần Thị Trực", kind: "update",
                                        text: "Đã chuyển tên miền sang dịch vụ chống DDoS.\nLưu lượng giảm 80%.")],
            tasks: [IncidentTaskDTO(id: F.id(601), title: "Thu thập nhật ký tường lửa", note: nil, assigneeID: F.id(102),
                                    dueAt: now.addingTimeInterval(4 * hour), status: .open),
                    IncidentTaskDTO(id: F.id(602), title: "Chặn dải IP nguồn tấn công", note: nil, assigneeID: nil, dueAt: nil, status: .done)],
            observables: [IncidentObservableDTO(id: F.id(701), kind: .ipv4, value: "203.0.113.7", defanged: "203.0.113[.]7", tlp: .amber,
                                                otherIncidents: ["SC-2026-003"]),
                          IncidentObservableDTO(id: F.id(702), kind: .domain, value: "botnet.example.net", defanged: "botnet[.]example[.]net",
                                                tlp: .red, otherIncidents: nil)],
            evidence: [IncidentEvidenceDTO(id: F.id(801), filename: "firewall-2026-04-27.log", size: 48_213,
                                           sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", uploadedAt: now)],
            nationalSubject: "[TBSC] SC-2026-007 Sở Tài chính – Tấn công từ chối dịch vụ cổng thông tin",
            namedPeople: [],
            mails: [IncidentMailDTO(mail)],
            allowedStatuses: [.inProgress, .contained])
        return IncidentShow.Model(
            id: F.id(501), unitName: "Sở Tài chính", dto: dto,
            people: [IncidentPersonDTO(id: F.id(102), fullName: "Trần Thị Trực", email: "truc@example.gov.vn"),
                     IncidentPersonDTO(id: F.id(101), fullName: F.coordinator.fullName, email: F.coordinator.email)],
            nationalEmail: "ir@vncert.vn", responseTeam: true, mayManageSharing: true, mayNotifyNational: true)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func triagedIncident(_ lang: Lang) {
        let view = IncidentShow.View(ctx: F.context(lang, F.coordinator, path: "/incidents/\(F.id(501).uuidString)"), model: Self.model())
        assertPage(view.document(), named: lang.rawValue)
    }
}
