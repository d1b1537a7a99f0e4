import Foundation
import Testing
import TrucCore

@Suite struct FindingStatusTests {
    let now = Fixture.date(2025, 3, 1, 9, 30)

    @Test func rawValuesAndLabels() {
        #expect(FindingStatus.allCases.map(\.rawValue)
            == ["open", "in_progress", "fixed", "mitigated", "false_positive", "risk_accepted"])
        #expect(Set(FindingStatus.allCases.map(\.vietnamese)).count == FindingStatus.allCases.count)
        #expect(Set(FindingStatus.allCases.map(\.english)).count == FindingStatus.allCases.count)
        #expect(FindingStatus.inProgress.vietnamese == "Đang xử lý")
        #expect(FindingStatus.riskAccepted.english == "Risk accepted")
        #expect(FindingStatus.allCases.filter(\.isActive) == [.open, .inProgress])
        #expect(FindingStatus.fixed.isClosed)
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode([FindingStatus.inProgress, .falsePositive])
        #expect(String(decoding: data, as: UTF8.self) == #"["in_progress","false_positive"]"#)
        #expect(try JSONDecoder().decode([FindingStatus].self, from: data) == [.inProgress, .falsePositive])
    }

    /// The whole transition table, row by row (from → allowed targets).
    @Test func transitionTable() {
        let expected: [FindingStatus: Set<FindingStatus>] = [
            .open: [.inProgress, .fixed, .mitigated, .falsePositive, .riskAccepted],
            .inProgress: [.open, .fixed, .mitigated, .falsePositive, .riskAccepted],
            .fixed: [.open],
            .mitigated: [.open, .fixed],
            .falsePositive: [.open],
            .riskAccepted: [.open, .fixed],
        ]
        for from in FindingStatus.allCases {
            for to in FindingStatus.allCases {
                #expect(from.canTransition(to: to) == expected[from]!.contains(to), "\(from) → \(to)")
            }
            #expect(Set(from.allowedTransitions) == expected[from]!)
            #expect(!from.canTransition(to: from))
        }
        // Every closed state can be reopened.
        for status in FindingStatus.allCases where !status.isActive {
            #expect(status.canTransition(to: .open))
        }
    }

    @Test func validTransitions() throws {
        try FindingTransition(to: .inProgress).validate(from: .open, now: now)
        try FindingTransition(to: .fixed).validate(from: .inProgress, now: now)
        try FindingTransition(to: .open).validate(from: .falsePositive, now: now)
        try FindingTransition(to: .falsePositive, note: "Máy chủ không cài Struts").validate(from: .open, now: now)
        try FindingTransition(to: .mitigated, note: "Chặn cổng 8080 trên tường lửa").validate(from: .inProgress, now: now)
        try FindingTransition(to: .riskAccepted, note: "Hệ thống sắp thay thế",
                              acceptedUntil: now.addingTimeInterval(90 * 86_400)).validate(from: .open, now: now)
        // Exactly the maximum is allowed.
        try FindingTransition(to: .riskAccepted, note: "Lý do",
                              acceptedUntil: now.addingTimeInterval(FindingTransition.maximumRiskAcceptance))
            .validate(from: .inProgress, now: now)
        try FindingTransition(to: .fixed).validate(from: .riskAccepted, now: now)
    }

    @Test func invalidTransitions() {
        func error(_ transition: FindingTransition, from: FindingStatus) -> FindingTransitionError? {
            do {
                try transition.validate(from: from, now: now)
                return nil
            } catch {
                return error
            }
        }
        #expect(error(FindingTransition(to: .open), from: .open) == .sameStatus(.open))
        #expect(error(FindingTransition(to: .riskAccepted, note: "x", acceptedUntil: now.addingTimeInterval(60)),
                      from: .riskAccepted) == .sameStatus(.riskAccepted))
        #expect(error(FindingTransition(to: .inProgress), from: .fixed) == .notAllowed(from: .fixed, to: .inProgress))
        #expect(error(FindingTransition(to: .mitigated, note: "x"), from: .falsePositive)
            == .notAllowed(from: .falsePositive, to: .mitigated))
        #expect(error(FindingTransition(to: .falsePositive), from: .open) == .noteRequired(.falsePositive))
        #expect(error(FindingTransition(to: .falsePositive, note: "  \n "), from: .open) == .noteRequired(.falsePositive))
        #expect(error(FindingTransition(to: .mitigated, note: ""), from: .inProgress) == .noteRequired(.mitigated))
        #expect(error(FindingTransition(to: .riskAccepted, acceptedUntil: now.addingTimeInterval(86_400)), from: .open)
            == .noteRequired(.riskAccepted))
        #expect(error(FindingTransition(to: .riskAccepted, note: "Lý do"), from: .open) == .expiryRequired)
        #expect(error(FindingTransition(to: .riskAccepted, note: "Lý do", acceptedUntil: now), from: .open)
            == .expiryNotInFuture)
        #expect(error(FindingTransition(to: .riskAccepted, note: "Lý do", acceptedUntil: now.addingTimeInterval(-1)),
                      from: .open) == .expiryNotInFuture)
        #expect(error(FindingTransition(to: .riskAccepted, note: "Lý do",
                                        acceptedUntil: now.addingTimeInterval(FindingTransition.maximumRiskAcceptance + 1)),
                      from: .open) == .expiryTooFar(maximumDays: 365))
        #expect(error(FindingTransition(to: .fixed, acceptedUntil: now.addingTimeInterval(60)), from: .open)
            == .expiryNotApplicable(.fixed))
    }

    @Test func errorMessages() {
        let errors: [FindingTransitionError] = [
            .sameStatus(.open), .notAllowed(from: .fixed, to: .inProgress), .noteRequired(.falsePositive),
            .noteRequired(.riskAccepted), .expiryRequired, .expiryNotInFuture, .expiryTooFar(maximumDays: 365),
            .expiryNotApplicable(.fixed),
        ]
        for error in errors {
            #expect(!error.vietnamese.isEmpty)
            #expect(error.description == error.english)
        }
        #expect(Set(errors.map(\.vietnamese)).count == errors.count)
        #expect(FindingTransitionError.notAllowed(from: .fixed, to: .inProgress).vietnamese
            == "Không thể chuyển phát hiện từ \"Đã khắc phục\" sang \"Đang xử lý\".")
        #expect(FindingTransitionError.expiryTooFar(maximumDays: 365).english == "A risk can be accepted for at most 365 days.")
    }

    @Test func afterNoLongerMatching() {
        #expect(FindingStatus.afterNoLongerMatching(.open) == .fixed)
        #expect(FindingStatus.afterNoLongerMatching(.inProgress) == .fixed)
        for status in [FindingStatus.fixed, .mitigated, .falsePositive, .riskAccepted] {
            #expect(FindingStatus.afterNoLongerMatching(status) == status)
        }
    }

    @Test func afterMatchingAgain() {
        #expect(FindingStatus.afterMatchingAgain(.fixed) == .open)
        #expect(FindingStatus.afterMatchingAgain(.mitigated) == .open)
        for status in [FindingStatus.open, .inProgress, .falsePositive, .riskAccepted] {
            #expect(FindingStatus.afterMatchingAgain(status) == status)
        }
        // Upgraded, then rolled back: fixed by matching, reopened by matching.
        #expect(FindingStatus.afterMatchingAgain(FindingStatus.afterNoLongerMatching(.inProgress)) == .open)
    }

    @Test func afterExpiry() {
        let day: TimeInterval = 86_400
        #expect(FindingStatus.afterExpiry(.riskAccepted, acceptedUntil: now.addingTimeInterval(day), now: now)
            == .riskAccepted)
        #expect(FindingStatus.afterExpiry(.riskAccepted, acceptedUntil: now, now: now) == .open)
        #expect(FindingStatus.afterExpiry(.riskAccepted, acceptedUntil: now.addingTimeInterval(-day), now: now) == .open)
        #expect(FindingStatus.afterExpiry(.riskAccepted, acceptedUntil: nil, now: now) == .open)
        for status in FindingStatus.allCases where status != .riskAccepted {
            #expect(FindingStatus.afterExpiry(status, acceptedUntil: now.addingTimeInterval(-day), now: now) == status)
        }
    }
}
