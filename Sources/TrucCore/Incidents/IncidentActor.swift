import Foundation

/// Who acts on an incident, as far as the workflow cares (`IncidentTransition`):
///
/// - the response team: a member of the provincial response team (Đội ƯCSC, role `responder`) or the provincial
///   coordinator (`coordinator`);
/// - the reporting unit: a unit administrator or duty officer holding that role on the unit that reported the
///   incident (or on a unit above it).
///
/// Anyone else — an auditor, staff of another unit, a unit member with no operational role — can only read.
public struct IncidentActor: Sendable, Hashable {
    /// Holds `responder` or `coordinator`.
    public var isResponseTeam: Bool
    /// Holds `unitAdmin` on the reporting unit (or above it).
    public var isUnitAdmin: Bool
    /// Belongs to the reporting unit (or a unit above it).
    public var isReporterUnit: Bool
    /// Holds `dutyOfficer` on the reporting unit (or above it).
    public var isDutyOfficer: Bool

    public init(isResponseTeam: Bool, isUnitAdmin: Bool, isReporterUnit: Bool, isDutyOfficer: Bool = false) {
        self.isResponseTeam = isResponseTeam
        self.isUnitAdmin = isUnitAdmin
        self.isReporterUnit = isReporterUnit
        self.isDutyOfficer = isDutyOfficer
    }

    /// An actor from the roles a person holds: `roles` anywhere (for the response team) and `rolesOnReportingUnit`
    /// on the reporting unit or a unit above it.
    public init(roles: Set<Role>, rolesOnReportingUnit: Set<Role>) {
        self.init(isResponseTeam: roles.contains(.responder) || roles.contains(.coordinator),
                  isUnitAdmin: rolesOnReportingUnit.contains(.unitAdmin),
                  isReporterUnit: !rolesOnReportingUnit.isEmpty,
                  isDutyOfficer: rolesOnReportingUnit.contains(.dutyOfficer))
    }

    /// A unit administrator or duty officer of the reporting unit: may report progress on its own incident.
    public var actsForReportingUnit: Bool {
        isReporterUnit && (isUnitAdmin || isDutyOfficer)
    }
}
