import Foundation
import Testing
import TrucCore

@Suite struct SLAPolicyTests {
    let policy = SLAPolicy.standard
    let firstSeen = Fixture.date(2025, 3, 1, 9, 30)

    @Test func standardTable() {
        let table: [(CVSSSeverity, [Int])] = [
            (.critical, [15, 10, 7, 5, 3]),
            (.high, [30, 21, 15, 10, 7]),
            (.medium, [90, 60, 45, 30, 20]),
            (.low, [180, 120, 90, 60, 45]),
        ]
        for (severity, row) in table {
            #expect(SLAPolicy.levels.map { policy.days(severity: severity, level: $0) } == row, "\(severity)")
        }
        #expect(SLAPolicy.levels == 1...5)
        #expect(policy.unassignedLevel == 3)
    }

    @Test func noSeverityUsesMediumRow() {
        for level in SLAPolicy.levels {
            let medium = policy.days(severity: .medium, level: level)
            #expect(policy.days(severity: nil, level: level) == medium)
            #expect(policy.days(severity: CVSSSeverity.none, level: level) == medium)
        }
        // A table with its own `none` row uses it.
        let custom = try? SLAPolicy(days: SLAPolicy.standard.days.merging([.none: [200, 150, 100, 80, 60]]) { $1 })
        #expect(custom?.days(severity: CVSSSeverity.none, level: 2) == 150)
        #expect(custom?.days(severity: nil, level: 2) == 150)
    }

    @Test func unassignedAndOutOfRangeLevels() throws {
        #expect(policy.days(severity: .critical, level: nil) == 7)
        let strict = try SLAPolicy(days: SLAPolicy.standard.days, unassignedLevel: 5)
        #expect(strict.days(severity: .critical, level: nil) == 3)
        #expect(strict.days(severity: .critical, level: 1) == 15)
        #expect(policy.days(severity: .high, level: 0) == 30)
        #expect(policy.days(severity: .high, level: 9) == 7)
    }

    @Test func deadline() {
        let deadline = policy.deadline(firstSeen: firstSeen, severity: .critical, level: 4)
        #expect(deadline == firstSeen.addingTimeInterval(5 * 86_400))
        #expect(policy.deadline(firstSeen: firstSeen, severity: nil, level: nil)
            == firstSeen.addingTimeInterval(45 * 86_400))
    }

    @Test func kevDueDateShortensTheDeadline() {
        // Medium on a level-1 system: 90 days. KEV due 15/03/2025: the end of that day in Hanoi time.
        let endOfDue = Fixture.date(2025, 3, 15, 23, 59, 59)
        #expect(SLAPolicy.endOfDay(LocalDay(year: 2025, month: 3, day: 15), in: Fixture.hcm) == endOfDue)
        #expect(policy.deadline(firstSeen: firstSeen, severity: .medium, level: 1, kevDueDate: endOfDue) == endOfDue)
        #expect(policy.deadline(firstSeen: firstSeen, severity: .medium, level: 1,
                                kevDueDay: LocalDay(year: 2025, month: 3, day: 15), in: Fixture.hcm) == endOfDue)
        // Critical on level 5 (3 days) is earlier than the KEV date: the computed deadline stays.
        #expect(policy.deadline(firstSeen: firstSeen, severity: .critical, level: 5, kevDueDate: endOfDue)
            == firstSeen.addingTimeInterval(3 * 86_400))
        #expect(policy.deadline(firstSeen: firstSeen, severity: .critical, level: 5,
                                kevDueDay: LocalDay(year: 2025, month: 3, day: 15), in: Fixture.hcm)
            == firstSeen.addingTimeInterval(3 * 86_400))
        // The day ends at another instant in another time zone.
        #expect(policy.deadline(firstSeen: firstSeen, severity: .low, level: 1,
                                kevDueDay: LocalDay(year: 2025, month: 3, day: 15), in: Fixture.berlin)
            == Fixture.date(2025, 3, 15, 23, 59, 59, in: Fixture.berlin))
        #expect(policy.deadline(firstSeen: firstSeen, severity: .low, level: 1, kevDueDay: nil, in: Fixture.berlin)
            == firstSeen.addingTimeInterval(180 * 86_400))
        // A due date already past when the finding is first seen: the deadline is that date (overdue at once).
        let past = Fixture.date(2025, 2, 1, 23, 59, 59)
        #expect(policy.deadline(firstSeen: firstSeen, severity: .low, level: 1, kevDueDate: past) == past)
        #expect(SLAPolicy.endOfDay(LocalDay(year: 2024, month: 12, day: 31), in: Fixture.hcm)
            == Fixture.date(2024, 12, 31, 23, 59, 59))
    }

    @Test func invalidTablesAreRejected() {
        func error(_ days: [CVSSSeverity: [Int]], unassignedLevel: Int = 3) -> SLAPolicyError? {
            do {
                _ = try SLAPolicy(days: days, unassignedLevel: unassignedLevel)
                return nil
            } catch {
                return error
            }
        }
        var table = SLAPolicy.standard.days
        #expect(error(table) == nil)
        table[.high] = nil
        #expect(error(table) == .missingSeverity(.high))
        table = SLAPolicy.standard.days
        table[.low] = [180, 120, 90, 60]
        #expect(error(table) == .wrongLevelCount(.low, count: 4))
        table[.low] = [180, 120, 90, 60, 45, 30]
        #expect(error(table) == .wrongLevelCount(.low, count: 6))
        table = SLAPolicy.standard.days
        table[.critical] = [15, 10, 0, 5, 3]
        #expect(error(table) == .daysOutOfRange(.critical, level: 3, days: 0))
        table[.critical] = [15, 10, 7, 5, 3651]
        #expect(error(table) == .daysOutOfRange(.critical, level: 5, days: 3651))
        table[.critical] = [3650, 1, 7, 5, 3]
        #expect(error(table) == nil) // in range; rows need not decrease
        table[.none] = [1, 2, 3]
        #expect(error(table) == .wrongLevelCount(.none, count: 3))
        #expect(error(SLAPolicy.standard.days, unassignedLevel: 0) == .invalidUnassignedLevel(0))
        #expect(error(SLAPolicy.standard.days, unassignedLevel: 6) == .invalidUnassignedLevel(6))
    }

    @Test func errorMessages() {
        let errors: [SLAPolicyError] = [
            .missingSeverity(.high), .wrongLevelCount(.low, count: 4), .daysOutOfRange(.critical, level: 3, days: 0),
            .invalidUnassignedLevel(7), .unknownSeverity("urgent"),
        ]
        for error in errors {
            #expect(!error.vietnamese.isEmpty)
            #expect(error.description == error.english)
        }
        #expect(SLAPolicyError.daysOutOfRange(.critical, level: 3, days: 0).vietnamese
            == "Thời hạn mức độ Nghiêm trọng cho cấp độ 3 là 0 ngày; phải từ 1 đến 3650 ngày.")
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode(policy)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((object?["days"] as? [String: [Int]])?["critical"] == [15, 10, 7, 5, 3])
        #expect(object?["unassignedLevel"] as? Int == 3)
        #expect(try JSONDecoder().decode(SLAPolicy.self, from: data) == policy)

        let invalid = Data(#"{"days": {"critical": [15, 10, 7, 5, 3], "high": [1, 2, 3, 4, 5], "medium": [1, 2, 3, 4, 5]}}"#.utf8)
        #expect(throws: SLAPolicyError.missingSeverity(.low)) { try JSONDecoder().decode(SLAPolicy.self, from: invalid) }
        let unknown = Data(#"{"days": {"urgent": [1, 2, 3, 4, 5]}, "unassignedLevel": 2}"#.utf8)
        #expect(throws: SLAPolicyError.unknownSeverity("urgent")) { try JSONDecoder().decode(SLAPolicy.self, from: unknown) }
    }

    @Test func overdue() {
        let deadline = Fixture.date(2025, 3, 10, 12)
        #expect(SLAPolicy.isOverdue(deadline: deadline, status: .open, now: deadline.addingTimeInterval(1)))
        #expect(SLAPolicy.isOverdue(deadline: deadline, status: .inProgress, now: deadline.addingTimeInterval(86_400)))
        #expect(!SLAPolicy.isOverdue(deadline: deadline, status: .open, now: deadline))
        #expect(!SLAPolicy.isOverdue(deadline: deadline, status: .open, now: deadline.addingTimeInterval(-1)))
        for status in FindingStatus.allCases where !status.isActive {
            #expect(!SLAPolicy.isOverdue(deadline: deadline, status: status, now: deadline.addingTimeInterval(86_400)))
        }
        #expect(!SLAPolicy.isOverdue(deadline: nil, status: .open, now: deadline))
    }
}

/// The KEV/EPSS priority rule.
@Suite struct SLAPriorityRuleTests {
    let firstSeen = Fixture.date(2025, 3, 1, 9, 30)

    @Test func offByDefault() throws {
        let policy = SLAPolicy.standard
        #expect(policy.priorityRule == .off)
        #expect(!policy.priorityRule.enabled && policy.priorityRule.epssThreshold == 0.1)
        #expect(policy.days(severity: .medium, level: 3, kev: true, epss: 0.9) == 45)
    }

    @Test(arguments: [
        (CVSSSeverity.medium, 3, false, 0.5, 7),   // EPSS above the threshold: critical row
        (CVSSSeverity.medium, 3, false, 0.1, 7),   // at the threshold
        (CVSSSeverity.medium, 3, false, 0.09, 45), // below
        (CVSSSeverity.medium, 3, false, nil, 45),  // no score
        (CVSSSeverity.low, 5, true, nil, 3),       // KEV
        (CVSSSeverity.high, 1, true, 0.0, 15),
        (CVSSSeverity.critical, 2, false, 0.9, 10),
    ] as [(CVSSSeverity, Int, Bool, Double?, Int)])
    func ruleOn(severity: CVSSSeverity, level: Int, kev: Bool, epss: Double?, days: Int) throws {
        var policy = SLAPolicy.standard
        policy.priorityRule = try SLAPriorityRule(enabled: true)
        #expect(policy.days(severity: severity, level: level, kev: kev, epss: epss) == days)
        let deadline = policy.deadline(firstSeen: firstSeen, severity: severity, level: level, kev: kev, epss: epss, kevDueDate: nil)
        #expect(deadline == firstSeen.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    @Test func kevDueDateStillCaps() throws {
        var policy = SLAPolicy.standard
        policy.priorityRule = try SLAPriorityRule(enabled: true, epssThreshold: 0.5)
        let cap = firstSeen.addingTimeInterval(86_400)
        #expect(policy.deadline(firstSeen: firstSeen, severity: .low, level: 1, kev: true, epss: nil, kevDueDate: cap) == cap)
        #expect(policy.days(severity: .low, level: 1, kev: false, epss: 0.4) == 180)
    }

    @Test func thresholdValidated() throws {
        for bad in [-0.01, 1.01, Double.nan, Double.infinity] {
            #expect(throws: SLAPolicyError.self) { try SLAPriorityRule(enabled: true, epssThreshold: bad) }
        }
        #expect(try SLAPriorityRule(enabled: true, epssThreshold: 0).applies(kev: false, epss: 0))
        #expect(try SLAPriorityRule(enabled: true, epssThreshold: 1).applies(kev: false, epss: 1))
        #expect(SLAPolicyError.invalidEPSSThreshold(2).english.contains("between 0 and 1"))
        let bad = Data(#"{"days": {"critical": [1,1,1,1,1], "high": [1,1,1,1,1], "medium": [1,1,1,1,1], "low": [1,1,1,1,1]}, "priorityRule": {"enabled": true, "epssThreshold": 3}}"#.utf8)
        #expect(throws: SLAPolicyError.invalidEPSSThreshold(3)) { try JSONDecoder().decode(SLAPolicy.self, from: bad) }
    }

    @Test func codable() throws {
        var policy = SLAPolicy.standard
        policy.priorityRule = try SLAPriorityRule(enabled: true, epssThreshold: 0.25)
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(SLAPolicy.self, from: data) == policy)
        let old = Data(#"{"days": {"critical": [15, 10, 7, 5, 3], "high": [30, 21, 15, 10, 7], "medium": [90, 60, 45, 30, 20], "low": [180, 120, 90, 60, 45]}, "unassignedLevel": 3}"#.utf8)
        #expect(try JSONDecoder().decode(SLAPolicy.self, from: old) == .standard)
    }
}
