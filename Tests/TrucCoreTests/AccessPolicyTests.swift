import Foundation
import Testing
@testable import TrucCore

@Suite struct AccessPolicyTests {
    let province = UUID(), deptA = UUID(), deptB = UUID(), agencyA1 = UUID()
    var tree: UnitTree {
        UnitTree([(id: province, parent: nil), (id: deptA, parent: province), (id: deptB, parent: province), (id: agencyA1, parent: deptA)])
    }

    @Test func roleOnUnitAppliesToItsSubtreeOnly() {
        let policy = AccessPolicy(grants: [.init(unitID: deptA, role: .unitAdmin)], tree: tree)
        #expect(policy.allows(.manageRoster, on: deptA))
        #expect(policy.allows(.manageUnit, on: agencyA1))
        #expect(!policy.allows(.read, on: deptB))
        #expect(!policy.allows(.read, on: province))
        #expect(policy.units(with: .read) == [deptA, agencyA1])
    }

    @Test func coordinatorMayDoEverythingEverywhere() {
        let policy = AccessPolicy(grants: [.init(unitID: deptB, role: .coordinator)], tree: tree)
        for permission in Permission.allCases {
            #expect(policy.allows(permission, on: deptA))
        }
        #expect(policy.units(with: .read) == nil)
        #expect(policy.seesProvinceDuty)
    }

    @Test func dutyOfficerReportsButDoesNotManage() {
        let policy = AccessPolicy(grants: [.init(unitID: deptA, role: .dutyOfficer)], tree: tree)
        #expect(policy.allows(.report, on: deptA))
        #expect(!policy.allows(.manageRoster, on: deptA))
        #expect(!policy.allows(.manageUnit, on: deptA))
        #expect(!policy.mayViewAudit)
    }

    @Test func auditorIsReadOnly() {
        let policy = AccessPolicy(grants: [.init(unitID: province, role: .auditor)], tree: tree)
        #expect(policy.allows(.read, on: agencyA1))
        #expect(policy.allows(.viewAudit, on: deptB))
        #expect(!policy.allows(.report, on: deptA))
        #expect(!policy.allows(.manageRoster, on: deptA))
        #expect(policy.mayViewAudit)
        #expect(policy.seesProvinceDuty)
    }

    @Test func nobodyWithoutGrantsSeesNothing() {
        let policy = AccessPolicy(grants: [], tree: tree)
        #expect(!policy.allows(.read, on: province))
        #expect(policy.units(with: .read) == [])
    }

    @Test func treeDetectsCycles() {
        #expect(tree.wouldCycle(moving: deptA, under: agencyA1))
        #expect(tree.wouldCycle(moving: deptA, under: deptA))
        #expect(!tree.wouldCycle(moving: agencyA1, under: deptB))
        #expect(tree.lineage(of: agencyA1) == [agencyA1, deptA, province])
    }
}
