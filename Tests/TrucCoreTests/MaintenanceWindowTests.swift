import Foundation
import Testing
@testable import TrucCore

@Suite struct MaintenanceWindowTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func problems(start: Date, end: Date, reason: String) -> [String]? {
        do {
            try MaintenanceWindow.validate(start: start, end: end, reason: reason, now: now)
            return nil
        } catch {
            return error.problems.map(\.field)
        }
    }

    @Test func activeFromStartUntilEnd() {
        let window = MaintenanceWindow(start: now, end: now.addingTimeInterval(3_600), reason: "Nâng cấp")
        #expect(window.isActive(at: now))
        #expect(window.isActive(at: now.addingTimeInterval(3_599)))
        #expect(!window.isActive(at: now.addingTimeInterval(3_600)))
        #expect(!window.isActive(at: now.addingTimeInterval(-1)))
    }

    @Test func validation() throws {
        let hour: TimeInterval = 3_600
        #expect(problems(start: now.addingTimeInterval(-hour), end: now.addingTimeInterval(hour), reason: "Bảo trì") == nil)
        #expect(problems(start: now, end: now.addingTimeInterval(31 * 86_400), reason: "x") == nil)
        #expect(problems(start: now, end: now.addingTimeInterval(31 * 86_400 + 1), reason: "x") == ["end"])
        #expect(problems(start: now.addingTimeInterval(hour), end: now.addingTimeInterval(hour), reason: "x") == ["end"])
        #expect(problems(start: now.addingTimeInterval(-2 * hour), end: now, reason: "x") == ["end"])
        #expect(problems(start: now, end: now.addingTimeInterval(-hour), reason: "  ") == ["end", "end", "reason"])
        #expect(problems(start: now, end: now.addingTimeInterval(hour), reason: String(repeating: "ư", count: 501)) == ["reason"])
        let window = try MaintenanceWindow(validatingStart: now, end: now.addingTimeInterval(hour), reason: " Nâng cấp ", now: now)
        #expect(window.reason == "Nâng cấp")
    }
}
