import Fluent
import Foundation
import TrucCore

extension SignInSettings.Model {
    /// The policy and the active coordinators and unit admins with whether they have enrolled.
    static func query(message: String?, error: String?, on db: any Database) async throws -> Self {
        let policy = try await TwoFactorService.policy(on: db)
        let assignments = try await RoleAssignment.query(on: db).filter(\.$role ~~ Array(TwoFactorPolicy.coveredRoles)).all()
        let ids = Array(Set(assignments.map { $0.$person.id }))
        let people = try await Person.query(on: db).filter(\.$id ~~ ids).filter(\.$isActive == true).sort(\.$fullName).all()
        let enrolled = Set(try await TwoFactorSecret.query(on: db).filter(\.$person.$id ~~ ids).filter(\.$confirmedAt != nil).all()
            .map { $0.$person.id })
        let covered = people.compactMap { person in
            person.id.map { SignInSettings.CoveredPerson(id: $0, name: person.fullName, email: person.email, enrolled: enrolled.contains($0)) }
        }
        return Self(policy: policy, covered: covered, message: message, error: error)
    }
}
