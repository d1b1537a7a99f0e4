/// What a person may do on a unit.
public enum Permission: String, Sendable, CaseIterable {
    /// See the unit's data (people, contacts, roster, campaign answers).
    case read
    /// Acknowledge campaigns and report checklist items for the unit.
    case report
    /// Create, change and delete duty shifts of the unit.
    case manageRoster
    /// Manage the unit's people, roles and contacts.
    case manageUnit
    /// Read the audit log of the unit.
    case viewAudit
    /// Add, change, import and delete the unit's information systems and assets.
    case manageInventory
    /// Move the unit's findings through the workflow (in progress, fixed, mitigated, false positive).
    case handleFindings
    /// Accept the risk of a finding until a date (a management decision).
    case acceptRisk
    /// Add, change, pause and delete the unit's uptime monitors, maintenance windows, webhooks and status page.
    case manageMonitors
    /// Acknowledge the unit's monitoring alerts (stops their escalation).
    case acknowledgeAlerts

    /// Whether `role`, held on the unit or one of its ancestors, grants this permission.
    public func isGranted(by role: Role) -> Bool {
        switch (role, self) {
        case (.coordinator, _): true
        case (.unitAdmin, .read), (.unitAdmin, .report), (.unitAdmin, .manageRoster), (.unitAdmin, .manageUnit): true
        case (.unitAdmin, .manageInventory), (.unitAdmin, .handleFindings), (.unitAdmin, .acceptRisk): true
        case (.unitAdmin, .manageMonitors), (.unitAdmin, .acknowledgeAlerts): true
        case (.dutyOfficer, .read), (.dutyOfficer, .report), (.dutyOfficer, .handleFindings): true
        case (.dutyOfficer, .acknowledgeAlerts): true
        case (.responder, .read), (.responder, .report): true
        case (.auditor, .read), (.auditor, .viewAudit): true
        default: false
        }
    }
}
