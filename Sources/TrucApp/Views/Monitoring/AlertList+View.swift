import Fluent
import Foundation
import TrucCore

/// Monitoring alerts (all, or those waiting for acknowledgement), and for coordinators the escalation delay.
enum AlertList {}

extension AlertList {
    struct Model {
        /// With their monitors loaded.
        let alerts: [MonitorAlert]
        let metadata: PageMetadata
        let onlyOpen: Bool
        let escalationMinutes: Int
        let isCoordinator: Bool

        static func query(for principal: Principal, onlyOpen: Bool, paging: Paging, on db: any Database) async throws -> Self {
            let query = MonitorAlert.query(on: db).sort(\.$raisedAt, .descending).sort(\.$id).with(\.$monitor)
            if !principal.isCoordinator { query.filter(\.$unitID ~~ Array(principal.policy.units(with: .read) ?? [])) }
            if onlyOpen { query.filter(\.$acknowledgedAt == nil).filter(\.$resolvedAt == nil).filter(\.$event != .up) }
            let page = try await query.page(paging)
            let policy = try await EscalationSettings.load(on: db)
            return Self(alerts: page.items, metadata: page.metadata, onlyOpen: onlyOpen, escalationMinutes: policy.delayMinutes,
                        isCoordinator: principal.isCoordinator)
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let names = Dictionary(model.alerts.map { ($0.$monitor.id, $0.monitor.name) }, uniquingKeysWith: { a, _ in a })
            let toggle: HTML = model.onlyOpen
                ? "<a href=\"\(MonitorRoute.alerts)\">\(ctx.t("Mọi cảnh báo", "All alerts"))</a>"
                : "<a href=\"\(MonitorRoute.alerts.path(query: [("open", "true")]))\">\(ctx.t("Chỉ cảnh báo chờ xác nhận", "Only alerts waiting for acknowledgement"))</a>"
            let minutes = model.escalationMinutes
            return PageFrame.page(ctx, title: ctx.t(.monitoringAlerts), body: """
            <h1>\(ctx.t(.monitoringAlerts))</h1>
            <p>\(toggle)</p>
            \(AlertTable(ctx: ctx, alerts: model.alerts, names: names))
            \(Pagination(ctx, metadata: model.metadata))
            <p class="muted">\(ctx.t("Cảnh báo gửi cho cán bộ đang trực của đơn vị (theo lịch trực), nếu không có thì quản trị đơn vị; chưa ai xác nhận sau \(minutes) phút thì chuyển cấp lên quản trị đơn vị rồi điều phối cấp tỉnh.", "Alerts go to the unit's people on duty (from the roster), else its admins; unacknowledged after \(minutes) minutes they escalate to the unit admins, then to the provincial coordinators."))</p>
            \(model.isCoordinator ? escalation() : .empty)
            """)
        }

        func escalation() -> HTML {
            """
            <form class="filters" method="post" action="\(MonitorRoute.setEscalation)">\(ctx.csrfField)
            <label>\(ctx.t("Thời gian chờ trước khi chuyển cấp (phút)", "Escalation delay (minutes)")) <input type="number" name="delayMinutes" min="1" max="1440" value="\(model.escalationMinutes)"></label>
            <button>\(ctx.t(.save))</button></form>
            """
        }
    }
}
