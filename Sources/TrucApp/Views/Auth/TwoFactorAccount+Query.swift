import Fluent
import Foundation
import TrucCore
import Vapor

extension TwoFactorAccount.Model {
    static func query(for principal: Principal, askPassword: Bool, error: String?, on db: any Database) async throws -> Self {
        guard let person = try await Person.find(principal.personID, on: db) else { throw Abort(.unauthorized) }
        let status = try await TwoFactorService.status(personID: principal.personID, on: db)
        let enrolment = status.pending ? try await TwoFactorService.pendingEnrolment(person: person, on: db) : nil
        return Self(status: status, enrolment: enrolment, askPassword: askPassword, error: error)
    }
}
