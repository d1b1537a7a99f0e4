import Foundation
import TrucCore

extension MonitorShow {
    struct View {
        let ctx: PageContext
        let model: Model

        var monitor: Monitor { model.monitor }

        func document() -> HTML {
            PageFrame.page(ctx, title: monitor.name, body: """
            <h1>\(monitor.name) \(MonitorViews.state(ctx, monitor.state))</h1>
            \(summary())
            \(charts())
            \(downtime())
            <h2>\(ctx.t("Cảnh báo", "Alerts"))</h2>
            \(AlertTable(ctx: ctx, alerts: model.alerts, names: [model.monitor.id!: monitor.name]))
            \(model.canManage ? manage() : .empty)
            """)
        }

        func summary() -> HTML {
            let stats = model.stats
            let unit: HTML = model.unitName.map { "<a href=\"\(MonitorRoute.unitMonitors(unit: model.unitID))\">\($0)</a>" } ?? .empty
            return """
            <p>\(unit) · \(ctx.t(monitor.kind.vietnamese, monitor.kind.english)) <code>\(monitor.target)</code>
            · \(ctx.t("mỗi", "every")) \(monitor.intervalSeconds) s · \(monitor.enabled ? "" : ctx.t("ĐANG TẠM DỪNG", "PAUSED"))</p>
            <div class="card">
            <p>\(ctx.t("Kiểm tra gần nhất", "Last check")): \(ctx.date(monitor.lastCheckedAt)) · \(MonitorViews.ms(monitor.lastLatencyMs))\(monitor.lastConnectMs.map { " (" + ctx.t("kết nối", "connect") + String(format: " %.0f ms)", $0) } ?? "") \(monitor.lastMessage.map { "· \($0)" } ?? "")
            \(monitor.certExpiresAt.map { "<br>\(ctx.t("Chứng thư hết hạn", "Certificate expires")) \(ctx.date($0))" as HTML } ?? .empty)
            <br>\(ctx.t("Trạng thái từ", "State since")) \(ctx.date(monitor.stateSince))</p>
            <p>\(ctx.t("Hoạt động 24 giờ", "Uptime 24 h")): <strong>\(MonitorViews.percent(stats.uptime24h))</strong> · \(ctx.t("30 ngày", "30 days")): <strong>\(MonitorViews.percent(stats.uptime30d))</strong>
            · \(ctx.t("Độ trễ", "Latency")) p50/p95/p99 (24 h): \(MonitorViews.ms(stats.latencyP50Ms24h)) / \(MonitorViews.ms(stats.latencyP95Ms24h)) / \(MonitorViews.ms(stats.latencyP99Ms24h))
            · p99 (30 \(ctx.t("ngày", "days"))): \(MonitorViews.ms(stats.latencyP99Ms30d))</p>
            </div>
            """
        }

        /// Latency over the last 24 hours and uptime per day over 30 days, drawn on the server.
        func charts() -> HTML {
            let now = model.now
            let points = model.recent.map { LatencyPoint(at: $0.at, ms: $0.latencyMs.map(Double.init), outcome: $0.outcome) }
            let latencyTitle = ctx.t("Độ trễ 24 giờ qua (ms)", "Latency over the last 24 hours (ms)")
            let latency = SVGChart.latencyLine(points: points, from: now.addingTimeInterval(-86400), to: now, width: 720, height: 200,
                                               title: latencyTitle, timeZone: ctx.timeZone)
            let formatter = MonitorViews.dayFormatter(ctx.timeZone)
            let days = model.stats.days.compactMap { day in formatter.date(from: day.day).map { DailyUptime(day: $0, percent: day.uptimePercent) } }
            let barsTitle = ctx.t("Tỷ lệ hoạt động theo ngày (30 ngày)", "Daily uptime (30 days)")
            let bars = SVGChart.uptimeBars(days: days, width: 720, height: 60, title: barsTitle, timeZone: ctx.timeZone)
            return """
            \(ChartSlot(svg: latency, caption: latencyTitle))
            \(ChartSlot(svg: bars, caption: barsTitle))
            """
        }

        func downtime() -> HTML {
            let table = Table(headers: [ctx.t("Bắt đầu", "Started"), ctx.t("Kết thúc", "Ended"), ctx.t("Thời gian", "Duration"), ctx.t("Nguyên nhân", "Cause")],
                              model.stats.outages) { o in
                ["\(ctx.date(o.startedAt))", "\(o.endedAt.map { ctx.date($0) } ?? ctx.t("Đang gián đoạn", "Ongoing"))",
                 "\(o.durationSeconds.map(MonitorViews.duration) ?? "")", "\(o.cause)\(o.inMaintenance ? " (" + ctx.t("bảo trì", "maintenance") + ")" : "")"]
            }
            return """
            <h2>\(ctx.t("Các lần gián đoạn", "Downtime"))</h2>
            \(table)
            """
        }

        func manage() -> HTML {
            """
            \(MonitorFormView(ctx: ctx, action: .update(monitor.id!), systems: model.systems, monitor: monitor))
            \(PostButton(MonitorRoute.delete(monitor.id!), label: ctx.t("Xoá giám sát và lịch sử", "Delete the monitor and its history"), ctx: ctx, className: "danger"))
            """
        }
    }
}
