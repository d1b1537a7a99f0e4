import Foundation
import Testing
@testable import TrucCore

@Suite struct IncidentTransitionTests {
    static let team = IncidentActor(isResponseTeam: true, isUnitAdmin: false, isReporterUnit: false)
    static let unitAdmin = IncidentActor(isResponseTeam: false, isUnitAdmin: true, isReporterUnit: true)
    static let dutyOfficer = IncidentActor(isResponseTeam: false, isUnitAdmin: false, isReporterUnit: true,
                                           isDutyOfficer: true)
    static let otherUnitAdmin = IncidentActor(isResponseTeam: false, isUnitAdmin: true, isReporterUnit: false)
    static let plainMember = IncidentActor(isResponseTeam: false, isUnitAdmin: false, isReporterUnit: true)
    static let auditor = IncidentActor(roles: [.auditor], rolesOnReportingUnit: [.auditor])

    private func error(_ from: IncidentStatus, _ to: IncidentStatus, _ actor: IncidentActor,
                       final: Bool = true, classified: Bool = true) -> IncidentWorkflowError? {
        do {
            try IncidentTransition.check(from: from, to: to, actor: actor, hasFinalReport: final,
                                         isClassified: classified)
            return nil
        } catch {
            return error
        }
    }

    /// Every pair of statuses, for every kind of actor (with all needs met).
    @Test func wholeTablePerActor() {
        let teamEdges: Set<String> = [
            "reported>triaged", "reported>rejected", "triaged>in_progress", "triaged>rejected",
            "in_progress>contained", "in_progress>resolved", "contained>resolved", "contained>in_progress",
            "resolved>closed", "resolved>in_progress", "closed>in_progress",
        ]
        let unitEdges: Set<String> = [
            "in_progress>contained", "in_progress>resolved", "contained>resolved", "contained>in_progress",
            "resolved>in_progress",
        ]
        let actors: [(String, IncidentActor, Set<String>)] = [
            ("team", Self.team, teamEdges), ("unit admin", Self.unitAdmin, unitEdges),
            ("duty officer", Self.dutyOfficer, unitEdges), ("other unit's admin", Self.otherUnitAdmin, []),
            ("member without role", Self.plainMember, []), ("auditor", Self.auditor, []),
        ]
        for (name, actor, allowed) in actors {
            for from in IncidentStatus.allCases {
                for to in IncidentStatus.allCases {
                    let key = "\(from.rawValue)>\(to.rawValue)"
                    let result = error(from, to, actor)
                    if allowed.contains(key) {
                        #expect(result == nil, "\(name): \(key) should be allowed")
                    } else if from == to {
                        #expect(result == .unchanged(from), "\(name): \(key)")
                    } else if !teamEdges.contains(key) {
                        #expect(result == .notAllowed(from: from, to: to), "\(name): \(key)")
                    } else {
                        #expect(result == .forbidden(from: from, to: to, responseTeamOnly: !unitEdges.contains(key)),
                                "\(name): \(key)")
                    }
                }
            }
        }
    }

    @Test func needs() {
        #expect(error(.reported, .triaged, Self.team, classified: false) == .classificationRequired)
        #expect(error(.resolved, .closed, Self.team, final: false) == .finalReportRequired)
        // The actor is checked before the needs.
        #expect(error(.resolved, .closed, Self.unitAdmin, final: false)
            == .forbidden(from: .resolved, to: .closed, responseTeamOnly: true))
        // Defaults are the safe side.
        #expect(throws: IncidentWorkflowError.classificationRequired) {
            try IncidentTransition.check(from: .reported, to: .triaged, actor: Self.team)
        }
        #expect(throws: IncidentWorkflowError.finalReportRequired) {
            try IncidentTransition.check(from: .resolved, to: .closed, actor: Self.team)
        }
    }

    @Test func allowedTargets() {
        #expect(IncidentTransition.allowedTargets(from: .reported, actor: Self.team) == [.rejected])
        #expect(IncidentTransition.allowedTargets(from: .reported, actor: Self.team, isClassified: true)
            == [.triaged, .rejected])
        #expect(IncidentTransition.allowedTargets(from: .resolved, actor: Self.team) == [.inProgress])
        #expect(IncidentTransition.allowedTargets(from: .resolved, actor: Self.team, hasFinalReport: true)
            == [.inProgress, .closed])
        #expect(IncidentTransition.allowedTargets(from: .inProgress, actor: Self.dutyOfficer) == [.contained, .resolved])
        #expect(IncidentTransition.allowedTargets(from: .reported, actor: Self.unitAdmin).isEmpty)
        #expect(IncidentTransition.allowedTargets(from: .rejected, actor: Self.team).isEmpty)
    }

    @Test func actorFromRoles() {
        #expect(IncidentActor(roles: [.responder], rolesOnReportingUnit: []).isResponseTeam)
        #expect(IncidentActor(roles: [.coordinator], rolesOnReportingUnit: [.coordinator]).isResponseTeam)
        let admin = IncidentActor(roles: [.unitAdmin], rolesOnReportingUnit: [.unitAdmin])
        #expect(!admin.isResponseTeam && admin.isUnitAdmin && admin.actsForReportingUnit)
        let duty = IncidentActor(roles: [.dutyOfficer], rolesOnReportingUnit: [.dutyOfficer])
        #expect(duty.isDutyOfficer && duty.actsForReportingUnit)
        #expect(!IncidentActor(roles: [.unitAdmin], rolesOnReportingUnit: []).actsForReportingUnit)
        #expect(!Self.auditor.actsForReportingUnit && !Self.auditor.isResponseTeam)
        #expect(!Self.plainMember.actsForReportingUnit)
    }

    @Test func actions() {
        func result(_ action: IncidentAction, _ status: IncidentStatus, _ actor: IncidentActor) -> IncidentWorkflowError? {
            do {
                try IncidentTransition.check(action, status: status, actor: actor)
                return nil
            } catch {
                return error
            }
        }
        for action in [IncidentAction.classify, .assign, .manageTasks] {
            #expect(result(action, .triaged, Self.team) == nil)
            for actor in [Self.unitAdmin, Self.dutyOfficer, Self.otherUnitAdmin, Self.auditor] {
                #expect(result(action, .triaged, actor) == .actionForbidden(action))
            }
        }
        for action in [IncidentAction.addUpdate, .addEvidence] {
            for actor in [Self.team, Self.unitAdmin, Self.dutyOfficer] {
                for status in IncidentStatus.allCases {
                    #expect((result(action, status, actor) == nil) == status.isOpen, "\(action) \(status)")
                }
            }
            #expect(result(action, .inProgress, Self.otherUnitAdmin) == .actionForbidden(action))
            #expect(result(action, .inProgress, Self.auditor) == .actionForbidden(action))
        }
        for status in IncidentStatus.allCases {
            let allowed: Set<IncidentStatus> = [.inProgress, .contained, .resolved]
            #expect((result(.writeFinalReport, status, Self.unitAdmin) == nil) == allowed.contains(status))
        }
        for actor in [Self.team, Self.unitAdmin, Self.dutyOfficer] {
            for status in IncidentStatus.allCases {
                #expect((result(.notifyNational, status, actor) == nil) == (status != .rejected), "\(status)")
                #expect(result(.manageSharing, status, actor) == nil)
            }
        }
        for action in [IncidentAction.notifyNational, .manageSharing] {
            #expect(result(action, .inProgress, Self.otherUnitAdmin) == .actionForbidden(action))
            #expect(result(action, .inProgress, Self.auditor) == .actionForbidden(action))
        }
        #expect(result(.classify, .closed, Self.team) == .actionNotAllowed(.classify, status: .closed))
        #expect(result(.writeFinalReport, .reported, Self.team) == .actionNotAllowed(.writeFinalReport, status: .reported))
    }

    @Test func messages() {
        let forbidden = IncidentWorkflowError.forbidden(from: .reported, to: .triaged, responseTeamOnly: true)
        #expect(forbidden.vietnamese
            == "Chỉ Đội ƯCSC (thành viên đội hoặc điều phối cấp tỉnh) được chuyển sự cố từ “Đã báo cáo” sang “Đã phân loại”.")
        #expect(forbidden.description == forbidden.vietnamese)
        #expect(IncidentWorkflowError.notAllowed(from: .reported, to: .closed).english
            == "An incident cannot go from “Reported” to “Closed”.")
        #expect(IncidentWorkflowError.finalReportRequired.vietnamese
            == "Cần có báo cáo kết thúc ứng phó sự cố trước khi đóng sự cố.")
        #expect(IncidentWorkflowError.actionForbidden(.assign).vietnamese == "Chỉ Đội ƯCSC được phân công xử lý.")
        #expect(IncidentWorkflowError.unchanged(.inProgress).english == "The incident is already in progress.")
    }
}
