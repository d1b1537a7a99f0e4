import Fluent
import Foundation
import TrucCore
import Vapor

/// The signed-in person and what they may do, loaded once per request.
struct Principal: Sendable {
    let personID: UUID
    let fullName: String
    let email: String
    let unitID: UUID
    let policy: AccessPolicy
    /// Set when the request came with an API token.
    let tokenID: UUID?

    var isCoordinator: Bool { policy.isCoordinator }

    /// The person if they are active; with `signedInAt` (a web session), only if they signed in after their
    /// sessions were last revoked.
    static func load(personID: UUID, tokenID: UUID?, signedInAt: Date? = nil, on db: any Database) async throws -> Principal? {
        guard let person = try await Person.find(personID, on: db), person.isActive else { return nil }
        if let signedInAt, let validAfter = person.sessionsValidAfter,
           WebSignIn.milliseconds(signedInAt) < WebSignIn.milliseconds(validAfter) {
            return nil
        }
        let grants = try await RoleAssignment.query(on: db).filter(\.$person.$id == personID).all()
            .map { AccessPolicy.Grant(unitID: $0.$unit.id, role: $0.role) }
        let tree = try await UnitTreeLoader.load(on: db)
        return Principal(personID: personID, fullName: person.fullName, email: person.email,
                         unitID: person.$unit.id, policy: AccessPolicy(grants: grants, tree: tree), tokenID: tokenID)
    }
}

enum UnitTreeLoader {
    static func load(on db: any Database) async throws -> UnitTree {
        let rows = try await OrgUnit.query(on: db).field(\.$id).field(\.$parent.$id).all()
        return UnitTree(rows.compactMap { unit in unit.id.map { (id: $0, parent: unit.$parent.id) } })
    }
}

struct PrincipalKey: StorageKey {
    typealias Value = Principal
}

extension Request {
    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// The signed-in person, or 401.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Abort(.unauthorized, reason: "Sign in first (or send an API token as 'Authorization: Bearer ...').") }
        return principal
    }

    /// Checks `permission` on a unit: 404 if the person may not even see the unit (nothing leaks), 403 if they may see but not do.
    @discardableResult
    func authorize(_ permission: Permission, on unitID: UUID) throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.policy.allows(.read, on: unitID) else {
            throw Abort(.notFound, reason: "Not found.")
        }
        guard principal.policy.allows(permission, on: unitID) else {
            throw Abort(.forbidden, reason: "Your role does not allow this on that unit.")
        }
        return principal
    }

    /// Only provincial coordinators.
    @discardableResult
    func requireCoordinator() throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.isCoordinator else { throw Abort(.forbidden, reason: "Only the provincial coordinator may do this.") }
        return principal
    }
}
