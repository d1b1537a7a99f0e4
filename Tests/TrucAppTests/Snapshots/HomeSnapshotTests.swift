import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// The overview a coordinator sees: duty now with a gap, open incidents (one asking for support), campaigns with
/// items awaiting the unit's report, findings and advisories waiting.
@Suite struct HomeSnapshotTests {
    typealias F = SnapshotFixture

    static func model() -> HomeShow.Model {
        let now = F.now
        let hour: TimeInterval = 3600
        let duty = UnitOnDutyDTO(
            unitID: F.province, unitCode: "STTTT", unitName: "Sở Thông tin và Truyền thông", at: now, until: now.addingTimeInterval(24 * hour),
            onDuty: [OnDutyPersonDTO(shiftID: F.id(301), personID: F.id(102), fullName: "Trần Thị Trực", role: .technical, phone: "0912 345 678",
                                     email: "truc@example.gov.vn", startsAt: now.addingTimeInterval(-2 * hour), endsAt: now.addingTimeInterval(6 * hour), note: nil),
                     OnDutyPersonDTO(shiftID: F.id(302), personID: F.id(103), fullName: "Lê Văn Lãnh Đạo", role: .leader, phone: nil,
                                     email: "lanhdao@example.gov.vn", startsAt: now.addingTimeInterval(-2 * hour), endsAt: now.addingTimeInterval(22 * hour), note: nil)],
            technicalNow: true, leaderNow: true, gaps: [], daysWithoutLeader: [], hasGap: true)
        return HomeShow.Model(
            fullName: F.coordinator.fullName, unitID: F.province,
            roles: [.init(role: .coordinator, unitID: F.province, unitName: "Sở Thông tin và Truyền thông")],
            campaigns: [.init(id: F.id(201), title: "Cao điểm bảo đảm ATTT dịp 30/4 – 1/5", startsAt: now.addingTimeInterval(-48 * hour),
                              endsAt: now.addingTimeInterval(120 * hour), waiting: 3),
                        .init(id: F.id(202), title: "Kiểm tra định kỳ quý II", startsAt: now.addingTimeInterval(240 * hour),
                              endsAt: now.addingTimeInterval(480 * hour), waiting: 0)],
            duty: duty,
            findings: FindingSummaryDTO(active: 12, overdue: 2, kev: 1, bySeverity: [:]),
            advisories: [.init(id: F.id(401), reference: "CB-2026-014", title: "Lỗ hổng nghiêm trọng trong Microsoft Exchange",
                               unitName: "Sở Thông tin và Truyền thông", state: .notified)],
            openIncidents: 2, supportRequests: 1, awaitingTriage: 1,
            incidents: [.init(id: F.id(501), reference: "SC-2026-007", title: "Tấn công từ chối dịch vụ cổng thông tin",
                              unitName: "Sở Tài chính", status: .reported),
                        .init(id: F.id(502), reference: "SC-2026-006", title: "Mã độc trên máy trạm kế toán",
                              unitName: "Sở Thông tin và Truyền thông", status: .triaged)])
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func coordinator(_ lang: Lang) {
        let view = HomeShow.View(ctx: F.context(lang, F.coordinator, path: "/"), model: Self.model())
        assertPage(view.document(), named: lang.rawValue)
    }
}
