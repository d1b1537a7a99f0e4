import Foundation
import TrucCore

/// Texts the roster pages share: a duty role's name, a duration, the role and campaign selects.
enum RosterFormat {
    static func role(_ ctx: PageContext, _ role: DutyRole) -> String { ctx.t(role.vietnamese, role.english) }

    /// "2 giờ 30 phút" / "2 h 30 min".
    static func duration(_ ctx: PageContext, minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        if h == 0 { return "\(m) \(ctx.t("phút", "min"))" }
        return m == 0 ? "\(h) \(ctx.t("giờ", "h"))" : "\(h) \(ctx.t("giờ", "h")) \(m) \(ctx.t("phút", "min"))"
    }

    static func roleSelect(_ ctx: PageContext, selected: DutyRole = .technical) -> Select {
        Select(name: "role", DutyRole.allCases, selected: selected, value: \.rawValue, label: { role(ctx, $0) })
    }

    static func campaignSelect(_ campaigns: [RosterChoice.Campaign], selected: UUID?, none: String) -> Select {
        Select(name: "campaignID", campaigns, selected: campaigns.first { $0.id == selected }, none: none,
               value: \.id.uuidString, label: \.title)
    }

    static func personSelect(_ people: [RosterChoice.Person], selected: UUID?) -> Select {
        Select(name: "personID", options: people.map { .init($0.id.uuidString, "\($0.fullName) (\($0.email))") },
               selected: selected?.uuidString, required: true)
    }
}
