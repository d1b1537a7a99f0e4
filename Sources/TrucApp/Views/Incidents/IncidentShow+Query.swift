import Fluent
import Foundation
import TrucCore

extension IncidentShow.Model {
    static func query(_ incident: Incident, for principal: Principal, on db: any Database) async throws -> Self {
        let unit = try await incident.$unit.get(on: db)
        let dto = try await IncidentService.detail(incident, for: principal, on: db)
        let actor = IncidentAccess.actor(incident, principal)
        func may(_ action: IncidentAction) -> Bool { (try? IncidentTransition.check(action, status: incident.status, actor: actor)) != nil }
        // The people pickers (assignment, named people) are shown only to those who may use them.
        let picks = actor.isResponseTeam || may(.manageSharing)
        return Self(id: try incident.requireID(), unitName: unit.name, dto: dto,
                    people: picks ? try await IncidentPeople.active(on: db) : [],
                    nationalEmail: try await IncidentNotifications.nationalAddress(on: db)?.email,
                    responseTeam: IncidentAccess.isResponseTeam(principal),
                    mayManageSharing: may(.manageSharing), mayNotifyNational: may(.notifyNational))
    }
}
