import Foundation
import Testing
@testable import TrucCore

/// The management table: every actor role × every action × every target role, with the target's role held inside
/// the actor's subtree and outside it.
@Suite struct PersonManagementTests {
    let province = UUID(), deptA = UUID(), deptB = UUID(), agencyA1 = UUID(), team = UUID()
    let actorID = UUID(), targetID = UUID()
    var tree: UnitTree {
        UnitTree([(id: province, parent: nil), (id: deptA, parent: province), (id: deptB, parent: province),
                  (id: agencyA1, parent: deptA), (id: team, parent: province)])
    }

    /// The actor holds `role` on department A (a coordinator: on the province).
    func actor(_ role: Role) -> AccessPolicy {
        AccessPolicy(grants: [.init(unitID: role == .coordinator ? province : deptA, role: role)], tree: tree)
    }

    enum Placement: CaseIterable { case inside, outside }

    /// The target lives in agency A1 (below department A) and holds `role` on A1 (inside) or on department B (outside);
    /// with no role, the target's home unit is A1 (inside) or department B (outside).
    func target(_ role: Role?, _ placement: Placement) -> PersonManagement.Target {
        let unit = placement == .inside ? agencyA1 : deptB
        guard let role else { return .init(personID: targetID, homeUnitID: unit, grants: []) }
        return .init(personID: targetID, homeUnitID: agencyA1, grants: [.init(unitID: unit, role: role)])
    }

    /// Expected answers: Y allowed, N refused. Columns: target with no role, coordinator, unit admin, duty officer,
    /// responder, auditor — first held inside the actor's subtree, then outside it.
    static let table: [Role: String] = [
        .coordinator: "YYYYYY YYYYYY",
        .unitAdmin:   "YNYYNY NNNNNN",
        .dutyOfficer: "NNNNNN NNNNNN",
        .responder:   "NNNNNN NNNNNN",
        .auditor:     "NNNNNN NNNNNN",
    ]
    static let targetRoles: [Role?] = [nil, .coordinator, .unitAdmin, .dutyOfficer, .responder, .auditor]

    @Test func everyActorRoleTimesEveryActionTimesEveryTargetRole() {
        var checked = 0
        for actorRole in Role.allCases {
            let row = Array(Self.table[actorRole]!.replacingOccurrences(of: " ", with: ""))
            #expect(row.count == 12)
            for (p, placement) in Placement.allCases.enumerated() {
                for (t, targetRole) in Self.targetRoles.enumerated() {
                    let expected = row[p * 6 + t] == "Y"
                    let policy = actor(actorRole)
                    let person = target(targetRole, placement)
                    for action in PersonAction.allCases {
                        let refusal: ManagementRefusal?
                        switch action {
                        case .grantRole:
                            refusal = PersonManagement.grantRefusal(.dutyOfficer, on: agencyA1, by: policy, actorID: actorID, to: person)
                        case .withdrawRole:
                            guard let grant = person.grants.first else { continue }
                            refusal = PersonManagement.withdrawRefusal(grant, by: policy, actorID: actorID, from: person, otherActiveCoordinators: 1)
                        default:
                            refusal = PersonManagement.refusal(action, by: policy, actorID: actorID, on: person)
                        }
                        #expect((refusal == nil) == expected,
                                "\(actorRole) → \(action) on \(targetRole?.rawValue ?? "no role") \(placement): \(refusal.map { "\($0)" } ?? "allowed")")
                        if let refusal { #expect(refusal.isAuthorization) }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 5 * 2 * (6 * 5 + 5))
    }

    @Test func aUnitAdminCannotTakeOverACoordinatorOrAResponderWhoseHomeIsItsUnit() {
        let admin = actor(.unitAdmin)
        let coordinator = PersonManagement.Target(personID: targetID, homeUnitID: deptA, grants: [.init(unitID: province, role: .coordinator)])
        let responder = PersonManagement.Target(personID: targetID, homeUnitID: deptA, grants: [.init(unitID: team, role: .responder)])
        for action in [PersonAction.resetPassword, .deactivate, .editProfile] {
            #expect(PersonManagement.refusal(action, by: admin, actorID: actorID, on: coordinator) == .provinceWideTarget(.coordinator))
            #expect(PersonManagement.refusal(action, by: admin, actorID: actorID, on: responder) == .provinceWideTarget(.responder))
        }
        // Even a responder whose role sits inside the admin's own subtree is the coordinator's to manage.
        let localResponder = PersonManagement.Target(personID: targetID, homeUnitID: agencyA1, grants: [.init(unitID: agencyA1, role: .responder)])
        #expect(PersonManagement.refusal(.resetPassword, by: admin, actorID: actorID, on: localResponder) == .provinceWideTarget(.responder))
        // A duty officer at home in A who also holds a role in B.
        let straddling = PersonManagement.Target(personID: targetID, homeUnitID: deptA,
                                                 grants: [.init(unitID: deptA, role: .dutyOfficer), .init(unitID: deptB, role: .auditor)])
        #expect(PersonManagement.refusal(.resetPassword, by: admin, actorID: actorID, on: straddling) == .unitNotManaged(deptB))
        #expect(PersonManagement.refusal(.resetPassword, by: actor(.coordinator), actorID: actorID, on: straddling) == nil)
    }

    @Test func nobodyDeactivatesThemselvesButAnAdminEditsTheirOwnAccount() {
        for role in [Role.coordinator, .unitAdmin] {
            let policy = actor(role)
            let me = PersonManagement.Target(personID: actorID, homeUnitID: role == .coordinator ? province : deptA, grants: policy.grants)
            #expect(PersonManagement.refusal(.deactivate, by: policy, actorID: actorID, on: me) == .selfDeactivation)
            #expect(PersonManagement.refusal(.editProfile, by: policy, actorID: actorID, on: me) == nil)
            #expect(PersonManagement.refusal(.resetPassword, by: policy, actorID: actorID, on: me) == nil)
        }
        #expect(!ManagementRefusal.selfDeactivation.isAuthorization)
    }

    @Test func provinceWideRolesAreGrantedAndWithdrawnOnlyByACoordinator() {
        let admin = actor(.unitAdmin)
        let officer = target(.dutyOfficer, .inside)
        for role in [Role.coordinator, .responder] {
            #expect(PersonManagement.grantRefusal(role, on: agencyA1, by: admin, actorID: actorID, to: officer) == .roleReservedForCoordinator(role))
            #expect(PersonManagement.grantRefusal(role, on: agencyA1, by: admin, actorID: actorID, to: nil) == .roleReservedForCoordinator(role))
            #expect(PersonManagement.grantRefusal(role, on: agencyA1, by: actor(.coordinator), actorID: actorID, to: officer) == nil)
        }
        for role in [Role.unitAdmin, .dutyOfficer, .auditor] {
            #expect(PersonManagement.grantRefusal(role, on: agencyA1, by: admin, actorID: actorID, to: officer) == nil)
            #expect(PersonManagement.grantRefusal(role, on: deptB, by: admin, actorID: actorID, to: officer) == .unitNotManaged(deptB))
            #expect(PersonManagement.grantRefusal(role, on: deptB, by: admin, actorID: actorID, to: nil) == .unitNotManaged(deptB))
        }
    }

    @Test func theLastActiveCoordinatorKeepsTheRole() {
        let coordinator = actor(.coordinator)
        let me = PersonManagement.Target(personID: actorID, homeUnitID: province, grants: coordinator.grants)
        let grant = coordinator.grants[0]
        #expect(PersonManagement.withdrawRefusal(grant, by: coordinator, actorID: actorID, from: me, otherActiveCoordinators: 0) == .lastCoordinator)
        #expect(PersonManagement.withdrawRefusal(grant, by: coordinator, actorID: actorID, from: me, otherActiveCoordinators: 1) == nil)
        // A second coordinator grant of the same person keeps them a coordinator.
        let twice = PersonManagement.Target(personID: actorID, homeUnitID: province,
                                            grants: [grant, .init(unitID: deptA, role: .coordinator)])
        #expect(PersonManagement.withdrawRefusal(grant, by: coordinator, actorID: actorID, from: twice, otherActiveCoordinators: 0) == nil)
    }

    @Test func anAdminOfTheWholeProvinceStillCannotTouchCoordinatorsOrResponders() {
        let rootAdmin = AccessPolicy(grants: [.init(unitID: province, role: .unitAdmin)], tree: tree)
        #expect(PersonManagement.refusal(.resetPassword, by: rootAdmin, actorID: actorID, on: target(.auditor, .outside)) == nil)
        #expect(PersonManagement.refusal(.resetPassword, by: rootAdmin, actorID: actorID, on: target(.coordinator, .outside)) == .provinceWideTarget(.coordinator))
        #expect(PersonManagement.refusal(.deactivate, by: rootAdmin, actorID: actorID, on: target(.responder, .inside)) == .provinceWideTarget(.responder))
    }

    @Test func everyRefusalSaysWhyInBothLanguages() {
        let all: [ManagementRefusal] = [.selfDeactivation, .provinceWideTarget(.coordinator), .unitNotManaged(deptB),
                                        .roleReservedForCoordinator(.responder), .lastCoordinator]
        for refusal in all {
            #expect(!refusal.vietnamese.isEmpty && !refusal.english.isEmpty && refusal.vietnamese != refusal.english)
        }
    }
}
