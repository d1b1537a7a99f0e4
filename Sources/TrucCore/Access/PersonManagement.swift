import Foundation

/// Who may manage whom: the one rule behind every change to a person's account (API, web pages), so that no role
/// reaches past its rights by taking over a wider account.
///
/// - A person may change, reset, deactivate, or change the roles of another person only if they may manage
///   (`Permission.manageUnit`) the person's home unit and every unit where the person holds a role.
/// - Roles whose reach is the whole province (`provinceWideRoles`: the coordinator, and the response team, which
///   sees every unit's incidents) are granted and withdrawn only by a coordinator, and only a coordinator may act on
///   a person who holds one.
/// - Nobody deactivates themselves; the last active coordinator keeps the role.
public enum PersonManagement {
    /// The person acted on.
    public struct Target: Sendable, Hashable {
        public var personID: UUID
        public var homeUnitID: UUID
        public var grants: [AccessPolicy.Grant]

        public init(personID: UUID, homeUnitID: UUID, grants: [AccessPolicy.Grant]) {
            self.personID = personID
            self.homeUnitID = homeUnitID
            self.grants = grants
        }

        /// Home unit first, then the units of the grants, without repeats.
        public var units: [UUID] {
            var seen: Set<UUID> = []
            return ([homeUnitID] + grants.map(\.unitID)).filter { seen.insert($0).inserted }
        }
    }

    /// Roles that reach beyond the unit they are held on.
    public static let provinceWideRoles: Set<Role> = [.coordinator, .responder]

    /// Why `actor` (the person `actorID`) may not do `action` to `target`; nil when allowed.
    public static func refusal(_ action: PersonAction, by actor: AccessPolicy, actorID: UUID, on target: Target) -> ManagementRefusal? {
        if action == .deactivate && actorID == target.personID { return .selfDeactivation }
        if !actor.isCoordinator, let role = target.grants.map(\.role).filter(provinceWideRoles.contains).min() {
            return .provinceWideTarget(role)
        }
        for unit in target.units where !actor.allows(.manageUnit, on: unit) {
            return .unitNotManaged(unit)
        }
        return nil
    }

    /// Why `actor` may not grant `role` on `unitID` to `target` (nil: a person being created, checked for the
    /// unit alone); nil when allowed.
    public static func grantRefusal(_ role: Role, on unitID: UUID, by actor: AccessPolicy, actorID: UUID,
                                    to target: Target?) -> ManagementRefusal? {
        if provinceWideRoles.contains(role) && !actor.isCoordinator { return .roleReservedForCoordinator(role) }
        if let target, let refusal = refusal(.grantRole, by: actor, actorID: actorID, on: target) { return refusal }
        if !actor.allows(.manageUnit, on: unitID) { return .unitNotManaged(unitID) }
        return nil
    }

    /// Why `actor` may not withdraw `grant` from `target`; nil when allowed. `otherActiveCoordinators` counts the
    /// active people other than the target who hold the coordinator role.
    public static func withdrawRefusal(_ grant: AccessPolicy.Grant, by actor: AccessPolicy, actorID: UUID, from target: Target,
                                       otherActiveCoordinators: Int) -> ManagementRefusal? {
        if provinceWideRoles.contains(grant.role) && !actor.isCoordinator { return .roleReservedForCoordinator(grant.role) }
        if let refusal = refusal(.withdrawRole, by: actor, actorID: actorID, on: target) { return refusal }
        if !actor.allows(.manageUnit, on: grant.unitID) { return .unitNotManaged(grant.unitID) }
        if grant.role == .coordinator {
            let keepsAnother = target.grants.contains { $0.role == .coordinator && $0 != grant }
            if !keepsAnother && otherActiveCoordinators == 0 { return .lastCoordinator }
        }
        return nil
    }
}
