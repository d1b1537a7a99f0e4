import Fluent
import Foundation
import TrucCore

/// A unit's public status page (no sign-in): its public monitors with 30 days of uptime.
enum PublicStatus {}

extension PublicStatus {
    struct Model {
        struct Row {
            let name: String
            let state: MonitorState
            let uptime30d: Double?
            let days: [DailyUptime]
        }

        let unitName: String
        let rows: [Row]
        let now: Date

        static func query(unit: OrgUnit, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Self {
            let unitID = try unit.requireID()
            let monitors = try await Monitor.query(on: db).filter(\.$unit.$id == unitID).filter(\.$isPublic == true)
                .filter(\.$enabled == true).sort(\.$name).limit(200).all()
            let figures = try await PublicStatusFigures.shared.figures(unitID: unitID, monitorIDs: monitors.compactMap(\.id), now: now,
                                                                       timeZone: timeZone, on: db)
            return Self(unitName: unit.name, rows: monitors.map { monitor in
                let figure = figures[monitor.id!]
                return Row(name: monitor.name, state: monitor.state, uptime30d: figure?.uptime30d, days: figure?.days ?? [])
            }, now: now)
        }

        /// The worst state shown, pending counting as the best.
        var worst: MonitorState {
            func rank(_ state: MonitorState) -> Int {
                switch state {
                case .pending: 0
                case .up: 1
                case .degraded: 2
                case .down: 3
                }
            }
            return rows.map(\.state).max { rank($0) < rank($1) } ?? .up
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let title = ctx.t("Trạng thái dịch vụ", "Service status")
            let worst = model.worst
            let overall = worst == .up || worst == .pending
                ? ctx.t("Mọi dịch vụ đang hoạt động bình thường.", "All services are operating normally.")
                : ctx.t("Một số dịch vụ đang gặp sự cố.", "Some services are having trouble.")
            return PageFrame.page(ctx, title: title + " – " + model.unitName, body: """
            <h1>\(title) – \(model.unitName)</h1>
            <p>\(overall) \(ctx.t("Cập nhật", "Updated")) \(ctx.date(model.now)).</p>
            <ul class="status-list">\(model.rows.html(row))</ul>
            """)
        }

        func row(_ row: Model.Row) -> HTML {
            let bars = SVGChart.uptimeBars(days: row.days, width: 600, height: 40,
                                           title: ctx.t("Hoạt động 30 ngày", "Uptime, 30 days") + ": " + row.name, timeZone: ctx.timeZone)
            return """
            <li><span>\(MonitorViews.state(ctx, row.state)) <strong>\(row.name)</strong>
            · \(ctx.t("30 ngày", "30 days")): \(MonitorViews.percent(row.uptime30d))</span>\(HTML(raw: bars))</li>
            """
        }
    }
}
