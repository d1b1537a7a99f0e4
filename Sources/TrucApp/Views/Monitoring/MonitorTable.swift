import Foundation
import TrucCore

/// Monitors with their state, check and last result (the unit's code when several units are listed).
struct MonitorTable: HTMLComponent {
    let ctx: PageContext
    let monitors: [Monitor]
    let showUnit: Bool

    var html: HTML {
        let headers = [ctx.t(.state), ctx.t(.name)] + (showUnit ? [ctx.t(.unit)] : [])
            + [ctx.t("Kiểm tra", "Check"), ctx.t("Lần cuối", "Last check"), ctx.t("Độ trễ", "Latency"), ctx.t(.note)]
        return Table(headers: headers, monitors, empty: ctx.t("Chưa có giám sát nào.", "No monitors yet."), className: "monitors") { m in
            let paused: HTML = m.enabled ? .empty : " \(Badge(ctx.t("Tạm dừng", "Paused")))"
            return ["\(MonitorViews.state(ctx, m.state))\(paused)", "<a href=\"\(MonitorRoute.show(m.id!))\">\(m.name)</a>"]
                + (showUnit ? ["\(m.$unit.value?.code ?? "")"] : [])
                + ["\(ctx.t(m.kind.vietnamese, m.kind.english)) <code>\(m.target)</code>", "\(ctx.date(m.lastCheckedAt))",
                   "\(m.lastLatencyMs.map { String(format: "%.0f ms", $0) } ?? "")", "\(m.lastMessage)"]
        }.html
    }
}
