import Foundation
import TrucCore

/// A group of the site navigation ("Trực", "Lỗ hổng", …) and its links.
struct NavigationGroup: Sendable {
    struct Link: Sendable {
        let path: String
        let label: Label
    }

    let label: Label
    let links: [Link]

    /// The groups a person sees; the audit log only for those who may read it.
    static func all(for principal: Principal) -> [NavigationGroup] {
        let own = principal.unitID
        var organisation: [Link] = [
            Link(path: DirectoryRoute.units.path, label: .units),
            Link(path: DirectoryRoute.contacts.path, label: .contacts),
            Link(path: CampaignRoute.list.path, label: .campaigns),
        ]
        if principal.policy.mayViewAudit { organisation.append(Link(path: AuditRoute.list.path, label: .auditLog)) }
        return [
            NavigationGroup(label: Label("Trực", "Duty"), links: [
                Link(path: RosterRoute.onDuty.path, label: .onDuty),
                Link(path: RosterRoute.roster(unit: own).path, label: .roster),
                Link(path: MonitorRoute.list.path, label: .monitoring),
                Link(path: MonitorRoute.alerts.path, label: .monitoringAlerts),
            ]),
            NavigationGroup(label: Label("Ứng cứu", "Response"), links: [
                Link(path: IncidentRoute.list.path, label: .incidents),
                Link(path: AdvisoryRoute.list.path, label: .advisories),
            ]),
            NavigationGroup(label: Label("Tài sản & lỗ hổng", "Assets & findings"), links: [
                Link(path: InventoryRoute.inventory(unit: own).path, label: .inventory),
                Link(path: FindingRoute.list.path, label: .findings),
                Link(path: VulnerabilityRoute.cves.path, label: Label("CVE", "CVE")),
            ]),
            NavigationGroup(label: Label("Tổ chức", "Organisation"), links: organisation),
            NavigationGroup(label: Label("Tài khoản", "Account"), links: [
                Link(path: AuthRoute.tokens.path, label: .apiTokens),
                Link(path: AuthRoute.twoFactorAccount.path, label: Label("Xác thực hai lớp", "Two-factor")),
            ]),
        ]
    }

    /// The longest link that starts the current path is the current page ("/" only for itself).
    static func currentPath(_ path: String, among links: [String]) -> String? {
        links.filter { $0 == "/" ? path == "/" : (path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "?")) }
            .max { $0.count < $1.count }
    }
}
