import Foundation
import Testing
@testable import TrucCore

@Suite struct AlertingTests {
    private func person(_ name: String, _ email: String, id: UUID = UUID()) -> AlertRecipient {
        AlertRecipient(personID: id, name: name, email: email)
    }

    @Test func stagesInOrder() {
        #expect(AlertStage.allCases == [.onDuty, .unitAdmin, .coordinator])
        #expect(AlertStage.onDuty < .unitAdmin && AlertStage.unitAdmin < .coordinator)
        #expect(AlertStage.onDuty.next == .unitAdmin && AlertStage.unitAdmin.next == .coordinator)
        #expect(AlertStage.coordinator.next == nil)
        #expect(AlertStage.allCases.map(\.rawValue) == ["on_duty", "unit_admin", "coordinator"])
        #expect(AlertStage.allCases.map(\.vietnamese) == ["Cán bộ đang trực", "Quản trị đơn vị", "Điều phối cấp tỉnh"])
    }

    @Test func routesToTheStageAskedFor() {
        let duty = [person("An", "an@example.vn")]
        let admins = [person("Bình", "binh@example.vn")]
        let routed = AlertRouting.recipients(stage: .onDuty, onDuty: duty, unitAdmins: admins, coordinators: [])
        #expect(routed == RoutedRecipients(stage: .onDuty, people: duty))
        let escalated = AlertRouting.recipients(stage: .unitAdmin, onDuty: duty, unitAdmins: admins, coordinators: [])
        #expect(escalated == RoutedRecipients(stage: .unitAdmin, people: admins))
    }

    @Test func fallsForwardWhenNobodyIsReachable() {
        let coordinator = person("Cường", "cuong@example.vn")
        let routed = AlertRouting.recipients(stage: .onDuty, onDuty: [person("No mail", "  ")], unitAdmins: [],
                                             coordinators: [coordinator])
        #expect(routed == RoutedRecipients(stage: .coordinator, people: [coordinator]))
        let nobody = AlertRouting.recipients(stage: .onDuty, onDuty: [], unitAdmins: [], coordinators: [])
        #expect(nobody == RoutedRecipients(stage: .coordinator, people: []))
    }

    @Test func deduplicatesByIDAndEmail() {
        let id = UUID()
        let people = [
            person("An", " an@example.vn ", id: id),
            person("An again", "an.other@example.vn", id: id),
            person("Same mail", "AN@EXAMPLE.VN"),
            person("Dũng", "dung@example.vn"),
            person("Empty", ""),
        ]
        let routed = AlertRouting.recipients(stage: .unitAdmin, onDuty: [], unitAdmins: people, coordinators: [])
        #expect(routed.stage == .unitAdmin)
        #expect(routed.people.map(\.name) == ["An", "Dũng"])
        #expect(routed.people[0].email == "an@example.vn")
    }

    @Test func escalationPolicy() throws {
        #expect(EscalationPolicy().delayMinutes == 15 && EscalationPolicy.default.delayMinutes == 15)
        let raised = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(EscalationPolicy(delayMinutes: 30).escalationDue(raisedAt: raised) == raised.addingTimeInterval(1_800))
        #expect(try EscalationPolicy(validating: 1440).delayMinutes == 1440)
        #expect(throws: MonitorValidationError.self) { try EscalationPolicy(validating: 0) }
        #expect(throws: MonitorValidationError.self) { try EscalationPolicy.validate(delayMinutes: 1441) }
        let data = try JSONEncoder().encode(EscalationPolicy(delayMinutes: 5))
        #expect(try JSONDecoder().decode(EscalationPolicy.self, from: data) == EscalationPolicy(delayMinutes: 5))
    }

    @Test func retryBackoff() {
        let backoff = RetryBackoff.standard
        #expect((1...6).map { backoff.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, nil])
        #expect(backoff.delay(afterAttempt: 0) == 30)
        let capped = RetryBackoff(baseSeconds: 600, factor: 3, maxSeconds: 3_600, maxAttempts: 10)
        #expect((1...4).map { capped.delay(afterAttempt: $0) } == [600, 1_800, 3_600, 3_600])
        #expect(capped.delay(afterAttempt: 9) == 3_600 && capped.delay(afterAttempt: 10) == nil)
        let huge = RetryBackoff(baseSeconds: 1, factor: 1e10, maxSeconds: 60, maxAttempts: 100)
        #expect(huge.delay(afterAttempt: 90) == 60)
        let failed = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(backoff.nextAttempt(afterAttempt: 2, failedAt: failed) == failed.addingTimeInterval(60))
        #expect(backoff.nextAttempt(afterAttempt: 6, failedAt: failed) == nil)
    }
}
