import Foundation
import Testing
@testable import TrucCore

@Suite struct ComplianceBoardTests {
    let now = Date(timeIntervalSince1970: 1_682_812_800) // 2023-04-30 00:00 UTC

    @Test func cellsFollowTargetingAnswersAndDeadlines() {
        let review = ComplianceBoard.Item(id: UUID(), title: "Rà soát router/switch", targetKinds: [.stateAgency], dueAt: now.addingTimeInterval(-3600))
        let backup = ComplianceBoard.Item(id: UUID(), title: "Phương án dự phòng", targetKinds: [.telecomProvider], dueAt: now.addingTimeInterval(3600))
        let all = ComplianceBoard.Item(id: UUID(), title: "Quy chế 708", targetKinds: Set(UnitKind.allCases), dueAt: nil)
        let agency = ComplianceBoard.Unit(id: UUID(), name: "Sở A", kind: .stateAgency, acknowledgedAt: now)
        let telecom = ComplianceBoard.Unit(id: UUID(), name: "VNPT", kind: .telecomProvider, acknowledgedAt: nil)
        let board = ComplianceBoard.build(
            items: [review, backup, all],
            units: [agency, telecom],
            answers: [.init(itemID: all.id, unitID: agency.id, status: .problem, reportedAt: now),
                      .init(itemID: backup.id, unitID: telecom.id, status: .done, reportedAt: now)],
            now: now)
        #expect(board.rows.count == 2)
        #expect(board.rows[0].cells == [.overdue, .notTargeted, .problem])
        #expect(board.rows[1].cells == [.notTargeted, .done, .pending])
        #expect(board.unacknowledged.map(\.name) == ["VNPT"])
        #expect(board.overdueCells == 1)
        #expect(board.targetedCells == 4)
        #expect(board.answeredCells == 2)
        #expect(board.completionPercent == 50)
    }

    @Test func untargetedUnitsAreLeftOut() {
        let item = ComplianceBoard.Item(id: UUID(), title: "Đội ƯCSC giữ liên lạc", targetKinds: [.responseTeam], dueAt: nil)
        let board = ComplianceBoard.build(items: [item], units: [.init(id: UUID(), name: "Sở B", kind: .stateAgency, acknowledgedAt: nil)],
                                          answers: [], now: now)
        #expect(board.rows.isEmpty)
        #expect(board.completionPercent == 100)
    }

    @Test func answeredLateIsNotOverdue() {
        let item = ComplianceBoard.Item(id: UUID(), title: "x", targetKinds: [.itCenter], dueAt: now.addingTimeInterval(-86_400))
        let unit = ComplianceBoard.Unit(id: UUID(), name: "TTCNTT", kind: .itCenter, acknowledgedAt: now)
        let board = ComplianceBoard.build(items: [item], units: [unit],
                                          answers: [.init(itemID: item.id, unitID: unit.id, status: .notApplicable, reportedAt: now)], now: now)
        #expect(board.rows[0].cells == [.notApplicable])
        #expect(board.overdueCells == 0)
    }
}
