import Foundation
import Testing
@testable import TrucCore

@Suite struct IncidentTaskTests {
    let now = IncidentSamples.utc(2026, 4, 29, 8, 0)

    private func problems(_ task: IncidentTask, previousDueAt: Date? = nil) -> IncidentValidationError? {
        IncidentSamples.problems { () throws(IncidentValidationError) in
            _ = try task.validated(now: now, previousDueAt: previousDueAt)
        }
    }

    @Test func validTaskIsNormalised() throws {
        let task = IncidentTask(title: "  Chặn IP\n203.0.113.7  ", note: " ", assignee: "  ",
                                dueAt: now.addingTimeInterval(3600))
        let valid = try task.validated(now: now)
        #expect(valid.title == "Chặn IP 203.0.113.7")
        #expect(valid.note == nil && valid.assignee == nil)
        #expect(valid.status == .open)
    }

    @Test func allProblems() {
        let task = IncidentTask(title: "", note: String(repeating: "n", count: 5001), dueAt: now)
        #expect(problems(task)?.fields == ["title", "note", "dueAt"])
        #expect(problems(task)?.problems.last?.vietnamese == "Hạn hoàn thành phải sau thời điểm hiện tại.")
        #expect(problems(IncidentTask(title: String(repeating: "t", count: 201)))?.fields == ["title"])
        #expect(problems(IncidentTask(title: String(repeating: "t", count: 200))) == nil)
    }

    @Test func dueDates() {
        func task(_ offset: TimeInterval) -> IncidentTask { IncidentTask(title: "x", dueAt: now.addingTimeInterval(offset)) }
        #expect(problems(task(1)) == nil)
        #expect(problems(task(0))?.fields == ["dueAt"])
        #expect(problems(task(365 * 86_400)) == nil)
        #expect(problems(task(365 * 86_400 + 1))?.problems.map(\.english)
            == ["The due date must be at most 365 days from now."])
        // An unchanged past due date can still be saved (editing an overdue task).
        let overdue = task(-3600)
        #expect(problems(overdue, previousDueAt: overdue.dueAt) == nil)
        #expect(problems(overdue, previousDueAt: now)?.fields == ["dueAt"])
        #expect(problems(IncidentTask(title: "x")) == nil)
    }

    @Test func statusChanges() throws {
        let expected: [IncidentTask.Status: Set<IncidentTask.Status>] = [
            .open: [.done, .cancelled], .done: [.open], .cancelled: [.open],
        ]
        for from in IncidentTask.Status.allCases {
            for to in IncidentTask.Status.allCases {
                let task = IncidentTask(title: "x", status: from)
                if expected[from]!.contains(to) {
                    #expect(try task.changingStatus(to: to).status == to)
                } else {
                    #expect(throws: IncidentWorkflowError.taskNotAllowed(from: from, to: to)) {
                        try task.changingStatus(to: to)
                    }
                }
            }
        }
        #expect(IncidentWorkflowError.taskNotAllowed(from: .done, to: .cancelled).vietnamese
            == "Không thể chuyển nhiệm vụ từ “Đã hoàn thành” sang “Đã hủy”.")
    }

    @Test func overdue() {
        let due = now.addingTimeInterval(-1)
        #expect(IncidentTask(title: "x", dueAt: due).isOverdue(now: now))
        #expect(!IncidentTask(title: "x", dueAt: now).isOverdue(now: now))
        #expect(!IncidentTask(title: "x", dueAt: due, status: .done).isOverdue(now: now))
        #expect(!IncidentTask(title: "x", dueAt: due, status: .cancelled).isOverdue(now: now))
        #expect(!IncidentTask(title: "x").isOverdue(now: now))
    }

    @Test func codable() throws {
        let task = IncidentTask(title: "Khôi phục trang chủ", assignee: "user-42", dueAt: now, status: .done)
        let data = try JSONEncoder().encode(task)
        #expect(String(decoding: data, as: UTF8.self).contains(#""status":"done""#))
        #expect(try JSONDecoder().decode(IncidentTask.self, from: data) == task)
    }
}
