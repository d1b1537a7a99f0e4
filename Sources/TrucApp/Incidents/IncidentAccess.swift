import Foundation
import TrucCore

/// Who may see an incident and in what capacity. The reporting unit (and the units above it) see its incidents;
/// the response team (Đội ƯCSC: responders) and the coordinator see all; a TLP:RED incident is visible only to
/// its reporter, its assignee and the people named on it.
enum IncidentAccess {
    static func isResponseTeam(_ principal: Principal) -> Bool {
        principal.isCoordinator || principal.policy.grants.contains { $0.role == .responder }
    }

    static func mayRead(_ incident: Incident, _ principal: Principal) -> Bool {
        if incident.tlp == .red {
            return [incident.createdBy, incident.$assignee.id].contains(principal.personID)
                || incident.namedPeople.contains(principal.personID)
        }
        return isResponseTeam(principal) || principal.policy.allows(.read, on: incident.$unit.id)
    }

    static func actor(_ incident: Incident, _ principal: Principal) -> IncidentActor {
        let all = Set(principal.policy.grants.map(\.role))
        let onUnit = principal.isCoordinator ? [] : principal.policy.roles(on: incident.$unit.id)
        return IncidentActor(roles: all, rolesOnReportingUnit: onUnit)
    }
}
