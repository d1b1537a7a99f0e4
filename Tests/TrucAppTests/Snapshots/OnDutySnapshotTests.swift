import Fluent
import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// The province's duty board with every unit: one covered, one with nobody on technical duty and a gap, one with
/// nobody on duty at all.
@Suite struct OnDutySnapshotTests {
    typealias F = SnapshotFixture

    static func at(hours: Double) -> Date { F.now.addingTimeInterval(hours * 3600) }

    static func person(_ n: Int, _ name: String, _ role: DutyRole, phone: String?, endsIn hours: Double) -> OnDutyPersonDTO {
        OnDutyPersonDTO(shiftID: F.id(500 + n), personID: F.id(200 + n), fullName: name, role: role, phone: phone,
                        email: "canbo\(n)@example.gov.vn", startsAt: at(hours: -2), endsAt: at(hours: hours), note: nil)
    }

    static func unit(_ n: Int, code: String, name: String, onDuty: [OnDutyPersonDTO], gaps: [CoverageGapDTO]) -> UnitOnDutyDTO {
        UnitOnDutyDTO(unitID: F.id(n), unitCode: code, unitName: name, at: F.now, until: at(hours: 24), onDuty: onDuty,
                      technicalNow: onDuty.contains { $0.role == .technical }, leaderNow: onDuty.contains { $0.role == .leader },
                      gaps: gaps, daysWithoutLeader: [], hasGap: !gaps.isEmpty)
    }

    static var model: OnDuty.Model {
        let items = [
            unit(11, code: "UBND-HX", name: "UBND huyện Hòa Xuân", onDuty: [], gaps: [.init(start: F.now, end: at(hours: 24), minutes: 1440)]),
            unit(2, code: "STTTT", name: "Sở Thông tin và Truyền thông", onDuty: [
                person(1, "Lê Văn Kỹ Thuật", .technical, phone: "0912 345 678", endsIn: 6),
                person(2, "Phạm Thị Lãnh Đạo", .leader, phone: nil, endsIn: 14.5),
            ], gaps: []),
            unit(12, code: "SYT", name: "Sở Y tế", onDuty: [person(3, "Hoàng Văn Lãnh Đạo", .leader, phone: "0243 111 222", endsIn: 3)],
                 gaps: [.init(start: F.now, end: at(hours: 3.5), minutes: 210)]),
        ]
        let board = ProvinceOnDutyDTO(at: F.now, until: at(hours: 24), unitCount: 3, unitsWithGap: 2, items: items,
                                      metadata: PageMetadata(page: 1, per: 50, total: 3))
        return OnDuty.Model(board: board, provinceWide: true, all: true, personID: F.coordinator.personID)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func provinceBoard(_ lang: Lang) {
        let ctx = F.context(lang, path: RosterRoute.onDuty.path)
        assertPage(OnDuty.View(ctx: ctx, model: Self.model).document(), named: lang.rawValue)
    }
}
