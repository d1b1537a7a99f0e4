import Fluent
import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// A unit's roster page as its roster manager sees it: a week of technical and leader shifts, one 24/7 coverage
/// gap and a day without a leader, and the forms to add, generate and import shifts.
@Suite struct RosterSnapshotTests {
    typealias F = SnapshotFixture

    static func at(hours: Double) -> Date { F.now.addingTimeInterval(hours * 3600) }

    static let people = [
        RosterChoice.Person(id: F.id(201), fullName: "Lê Văn Kỹ Thuật", email: "kythuat@example.gov.vn"),
        RosterChoice.Person(id: F.id(202), fullName: "Phạm Thị Lãnh Đạo", email: "lanhdao@example.gov.vn"),
    ]

    static func shift(_ n: Int, from: Double, to: Double, _ role: DutyRole, person: Int, campaign: String? = nil, note: String? = nil) -> RosterShow.Shift {
        let p = people[person]
        return .init(id: F.id(400 + n), startsAt: at(hours: from), endsAt: at(hours: to), role: role, personName: p.fullName,
                     phone: person == 0 ? "0912 345 678" : nil, email: p.email, campaignTitle: campaign, note: note)
    }

    static var model: RosterShow.Model {
        let gap = CoverageGapDTO(start: at(hours: 30.5), end: at(hours: 33), minutes: 150)
        let coverage = CoverageDTO(unitID: F.department, campaignID: nil, from: F.now, to: at(hours: 168), timeZone: F.timeZone.identifier,
                                   fullyCovered: false, gapMinutes: 150, gaps: [gap], daysWithoutLeader: [LocalDay(at(hours: 72), in: F.timeZone)],
                                   shiftCount: 4)
        return RosterShow.Model(
            unitID: F.department, unitName: "Sở Thông tin và Truyền thông", personID: F.coordinator.personID, manages: true,
            campaigns: [.init(id: F.id(301), title: "Trực cao điểm 30/4 – 1/5")], selectedCampaign: nil,
            period: .init(from: F.now, to: at(hours: 168), timeZone: F.timeZone, campaignTitle: nil), coverage: coverage,
            from: LocalDay(F.now, in: F.timeZone).start(in: F.timeZone), to: nil,
            shifts: [
                shift(1, from: -2.5, to: 21.5, .technical, person: 0, campaign: "Trực cao điểm 30/4 – 1/5"),
                shift(2, from: -1.5, to: 8.5, .leader, person: 1, note: "Trực tại trụ sở <Sở>"),
                shift(3, from: 21.5, to: 30.5, .technical, person: 0),
                shift(4, from: 33, to: 57, .technical, person: 0),
            ],
            metadata: PageMetadata(page: 1, per: 25, total: 4), people: people, now: F.now)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func unitRoster(_ lang: Lang) {
        let ctx = F.context(lang, path: RosterRoute.roster(unit: F.department).path)
        assertPage(RosterShow.View(ctx: ctx, model: Self.model).document(), named: lang.rawValue)
    }
}
