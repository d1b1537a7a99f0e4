import Fluent
import Foundation

extension RosterChoice.Campaign {
    /// The 50 most recent campaigns.
    static func recent(on db: any Database) async throws -> [Self] {
        try await Campaign.query(on: db).sort(\.$startsAt, .descending).limit(50).all()
            .compactMap { campaign in campaign.id.map { Self(id: $0, title: campaign.title) } }
    }
}

extension RosterChoice.Person {
    /// Active people of the unit and the units below it.
    static func assignable(unitID: UUID, on db: any Database) async throws -> [Self] {
        let subtree = try await RosterService.subtree(of: unitID, on: db)
        return try await Person.query(on: db).filter(\.$unit.$id ~~ Array(subtree)).filter(\.$isActive == true)
            .sort(\.$fullName).limit(1000).all()
            .compactMap { person in person.id.map { Self(id: $0, fullName: person.fullName, email: person.email) } }
    }
}
