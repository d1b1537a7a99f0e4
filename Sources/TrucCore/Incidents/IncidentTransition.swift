import Foundation

/// The incident workflow: which status changes exist, who may make them, and what they need.
///
/// | from | to | who | needs |
/// |---|---|---|---|
/// | reported | triaged | response team | severity and category set (`isClassified`) |
/// | reported, triaged | rejected | response team | |
/// | triaged | in_progress | response team (assigns the work) | |
/// | in_progress | contained, resolved | response team or reporting unit | |
/// | contained | resolved | response team or reporting unit | |
/// | contained | in_progress | response team or reporting unit (containment failed) | |
/// | resolved | in_progress | response team or reporting unit (reopen: it came back) | |
/// | resolved | closed | response team | a final report (`hasFinalReport`) |
/// | closed | in_progress | response team (reopen) | |
///
/// "Response team" is `IncidentActor.isResponseTeam`; "reporting unit" is `IncidentActor.actsForReportingUnit`
/// (its unit administrators and duty officers). Rejected is final.
public enum IncidentTransition {
    /// Who may make a change.
    public enum Who: Sendable, Hashable {
        /// The response team only.
        case responseTeam
        /// The response team or the reporting unit.
        case responseTeamOrUnit
    }

    /// The changes that exist, and who may make them.
    public static let table: [IncidentStatus: [IncidentStatus: Who]] = [
        .reported: [.triaged: .responseTeam, .rejected: .responseTeam],
        .triaged: [.inProgress: .responseTeam, .rejected: .responseTeam],
        .inProgress: [.contained: .responseTeamOrUnit, .resolved: .responseTeamOrUnit],
        .contained: [.resolved: .responseTeamOrUnit, .inProgress: .responseTeamOrUnit],
        .resolved: [.closed: .responseTeam, .inProgress: .responseTeamOrUnit],
        .closed: [.inProgress: .responseTeam],
        .rejected: [:],
    ]

    /// Checks a status change, in this order: not the same status; a change that exists; an actor allowed to make
    /// it; severity and category set when triaging (`isClassified`); a final report when closing
    /// (`hasFinalReport`).
    public static func check(from: IncidentStatus, to: IncidentStatus, actor: IncidentActor,
                             hasFinalReport: Bool = false, isClassified: Bool = false) throws(IncidentWorkflowError) {
        guard from != to else { throw .unchanged(from) }
        guard let who = table[from]?[to] else { throw .notAllowed(from: from, to: to) }
        guard allows(who, actor) else { throw .forbidden(from: from, to: to, responseTeamOnly: who == .responseTeam) }
        if to == .triaged && !isClassified { throw .classificationRequired }
        if to == .closed && !hasFinalReport { throw .finalReportRequired }
    }

    /// The statuses `actor` may move an incident to from `from`, in the order of `IncidentStatus.allCases`, leaving
    /// out the changes whose needs are not met.
    public static func allowedTargets(from: IncidentStatus, actor: IncidentActor, hasFinalReport: Bool = false,
                                      isClassified: Bool = false) -> [IncidentStatus] {
        IncidentStatus.allCases.filter { to in
            (try? check(from: from, to: to, actor: actor, hasFinalReport: hasFinalReport,
                        isClassified: isClassified)) != nil
        }
    }

    /// Checks an action other than a status change: the actor may do it (`IncidentAction.isResponseTeamOnly`),
    /// and the incident is in a status that allows it (`IncidentAction.allowedStatuses`).
    public static func check(_ action: IncidentAction, status: IncidentStatus,
                             actor: IncidentActor) throws(IncidentWorkflowError) {
        guard allows(action.isResponseTeamOnly ? .responseTeam : .responseTeamOrUnit, actor) else {
            throw .actionForbidden(action)
        }
        guard action.allowedStatuses.contains(status) else { throw .actionNotAllowed(action, status: status) }
    }

    private static func allows(_ who: Who, _ actor: IncidentActor) -> Bool {
        switch who {
        case .responseTeam: actor.isResponseTeam
        case .responseTeamOrUnit: actor.isResponseTeam || actor.actsForReportingUnit
        }
    }
}
