import Fluent
import TrucCore
import Vapor

/// Who may manage whom (`PersonManagement`), applied to stored people: every change to a person goes through here,
/// from the API and the web pages alike.
extension PeopleService {
    /// The person as the management rule sees them: home unit and every role they hold.
    static func managementTarget(_ person: Person, on db: any Database) async throws -> PersonManagement.Target {
        let personID = try person.requireID()
        let grants = try await RoleAssignment.query(on: db).filter(\.$person.$id == personID).all()
            .map { AccessPolicy.Grant(unitID: $0.$unit.id, role: $0.role) }
        return .init(personID: personID, homeUnitID: person.$unit.id, grants: grants)
    }

    /// What a patch does to a person, as actions of the rule.
    static func actions(of patch: PersonPatch, on person: Person) -> [PersonAction] {
        var actions: [PersonAction] = []
        if patch.fullName != nil || patch.title != nil || patch.phone != nil { actions.append(.editProfile) }
        if let active = patch.isActive, active != person.isActive || !active { actions.append(active ? .reactivate : .deactivate) }
        if patch.password != nil { actions.append(.resetPassword) }
        return actions
    }

    /// Throws 403 (or 422 for a rule of the data, such as deactivating oneself) unless `principal` may do every one
    /// of `actions` to `person`.
    static func requireManagement(_ actions: [PersonAction], on person: Person, by principal: Principal,
                                  db: any Database) async throws {
        let target = try await managementTarget(person, on: db)
        for action in actions {
            if let refusal = PersonManagement.refusal(action, by: principal.policy, actorID: principal.personID, on: target) {
                throw BilingualError(refusal)
            }
        }
    }

    /// Active people other than `personID` who hold the coordinator role.
    static func otherActiveCoordinators(than personID: UUID, on db: any Database) async throws -> Int {
        let holders = try await RoleAssignment.query(on: db).filter(\.$role == .coordinator).filter(\.$person.$id != personID)
            .with(\.$person).all()
        return Set(holders.filter { $0.person.isActive }.map { $0.$person.id }).count
    }
}

extension BilingualError {
    /// A refusal of the management rule: 403 when it is about the actor's rights, else 422.
    init(_ refusal: ManagementRefusal) {
        self.init(refusal.isAuthorization ? .forbidden : .unprocessableEntity, refusal.vietnamese, refusal.english)
    }
}
