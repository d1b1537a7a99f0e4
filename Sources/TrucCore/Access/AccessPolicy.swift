import Foundation

/// Decides what a person may do, from the roles they hold on units and the unit tree.
/// A role held on a unit applies to that unit and all units below it; a coordinator role applies everywhere.
public struct AccessPolicy: Sendable {
    public struct Grant: Sendable, Hashable {
        public var unitID: UUID
        public var role: Role
        public init(unitID: UUID, role: Role) {
            self.unitID = unitID
            self.role = role
        }
    }

    public let grants: [Grant]
    public let tree: UnitTree

    public init(grants: [Grant], tree: UnitTree) {
        self.grants = grants
        self.tree = tree
    }

    public var isCoordinator: Bool { grants.contains { $0.role == .coordinator } }

    /// Roles that apply on `unitID` (held on it or an ancestor).
    public func roles(on unitID: UUID) -> Set<Role> {
        if isCoordinator { return [.coordinator] }
        let lineage = Set(tree.lineage(of: unitID))
        return Set(grants.filter { lineage.contains($0.unitID) }.map(\.role))
    }

    public func allows(_ permission: Permission, on unitID: UUID) -> Bool {
        if isCoordinator { return true }
        return roles(on: unitID).contains { permission.isGranted(by: $0) }
    }

    /// Units on which `permission` is granted; nil means every unit (coordinator).
    public func units(with permission: Permission) -> Set<UUID>? {
        if isCoordinator { return nil }
        var result: Set<UUID> = []
        for grant in grants where permission.isGranted(by: grant.role) {
            result.formUnion(tree.subtree(of: grant.unitID))
        }
        return result
    }

    /// Province-wide view of who is on duty: coordinators, response-team members and province-level auditors.
    public var seesProvinceDuty: Bool {
        isCoordinator || grants.contains { $0.role == .responder || ($0.role == .auditor && tree.parent[$0.unitID] == nil) }
    }

    /// Whether the person may read the audit log at all.
    public var mayViewAudit: Bool { isCoordinator || grants.contains { $0.role == .auditor } }
}
