import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// The campaign page as the province coordinator sees it: directive and documents, the checklist with its edit
/// forms, and the compliance board with units in every state (done, problem, overdue, pending, not targeted).
@Suite struct CampaignShowSnapshotTests {
    typealias F = SnapshotFixture

    /// 28/04/2026 00:00 in Hà Nội.
    static let midnight = Date(timeIntervalSince1970: 1_777_309_200)
    static func day(_ days: Double, hour: Double = 0) -> Date { midnight.addingTimeInterval(days * 86_400 + hour * 3_600) }

    static func model() -> CampaignShow.Model {
        let campaignID = F.id(20)
        let campaign = Campaign(
            id: campaignID, title: "Đợt cao điểm bảo đảm ATTT dịp Lễ 30/4 – 01/5/2026", startsAt: day(-7), endsAt: day(6, hour: 17),
            timeZone: "Asia/Ho_Chi_Minh",
            directive: "Tăng cường giám sát, trực 24/7 trong dịp nghỉ lễ.\nBáo cáo ngay khi phát hiện sự cố.",
            documents: [ReferencedDocument(number: "1520/BTTTT-CATTT", date: "2023-04-26", issuer: "Bộ Thông tin và Truyền thông",
                                           title: "Bảo đảm an toàn thông tin mạng dịp Lễ 30/4 – 01/5")],
            createdBy: F.id(101))
        let items = [
            ChecklistItem(id: F.id(21), campaignID: campaignID, position: 1, title: "Rà soát, vá lỗ hổng trên máy chủ công khai",
                          detail: "Ưu tiên các lỗ hổng nghiêm trọng", targetKinds: [.stateAgency, .telecomProvider], dueAt: day(-1, hour: 17)),
            ChecklistItem(id: F.id(22), campaignID: campaignID, position: 2, title: "Phân công trực 24/7", detail: "",
                          targetKinds: [.stateAgency, .telecomProvider], dueAt: day(4, hour: 17)),
            ChecklistItem(id: F.id(23), campaignID: campaignID, position: 3, title: "Giám sát đường truyền Internet", detail: "",
                          targetKinds: [.telecomProvider], dueAt: nil),
        ]
        let units = [
            OrgUnit(id: F.id(11), parentID: F.province, code: "SYT", name: "Sở Y tế", kind: .stateAgency),
            OrgUnit(id: F.id(12), parentID: F.province, code: "STC", name: "Sở Tài chính", kind: .stateAgency),
            OrgUnit(id: F.id(13), parentID: F.province, code: "UBND-MT", name: "UBND huyện Mường Tè", kind: .stateAgency),
            OrgUnit(id: F.id(14), parentID: nil, code: "VNPT", name: "VNPT tỉnh", kind: .telecomProvider),
        ]
        let acknowledged: [UUID: Date] = [F.id(11): day(-6, hour: 8), F.id(12): day(-5, hour: 14.5), F.id(14): day(-6, hour: 9)]
        let answers: [ComplianceBoard.Answer] = [
            .init(itemID: F.id(21), unitID: F.id(11), status: .done, reportedAt: day(-2, hour: 10)),
            .init(itemID: F.id(22), unitID: F.id(11), status: .done, reportedAt: day(-2, hour: 10)),
            .init(itemID: F.id(21), unitID: F.id(12), status: .problem, reportedAt: day(-1, hour: 16)),
            .init(itemID: F.id(21), unitID: F.id(14), status: .done, reportedAt: day(-3, hour: 9)),
            .init(itemID: F.id(22), unitID: F.id(14), status: .notApplicable, reportedAt: day(-3, hour: 9)),
        ]
        let board = ComplianceBoard.build(
            items: items.map { .init(id: $0.id!, title: $0.title, targetKinds: Set($0.targetKinds), dueAt: $0.dueAt) },
            units: units.map { .init(id: $0.id!, name: $0.name, kind: $0.kind, acknowledgedAt: acknowledged[$0.id!]) },
            answers: answers, now: F.now)
        let data = CampaignService.BoardData(campaign: campaign, items: items, units: Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) }),
                                             reports: [], board: board, now: F.now)
        return CampaignShow.Model(campaign: campaign, campaignID: campaignID, items: items, board: data, ownUnits: [], otherUnits: [],
                                  mayEdit: true, now: F.now)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func coordinatorSeesTheBoard(_ lang: Lang) {
        let model = Self.model()
        #expect(model.board.board.rows.flatMap(\.cells).contains(.notTargeted))
        #expect(Set(model.board.board.rows.flatMap(\.cells)).isSuperset(of: [.done, .problem, .overdue, .pending, .notApplicable]))
        let view = CampaignShow.View(ctx: F.context(lang, path: CampaignRoute.show(F.id(20)).path), model: model)
        assertPage(view.document(), named: lang.rawValue)
    }
}
