import Fluent
import Foundation
import TrucCore
import Vapor

/// Pages without sign-in: a unit's public status page (opt-in, public monitors only) and the acknowledgement
/// link of alert e-mails.
struct PublicStatusController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(MonitorRoute.publicStatus(code: .routeKey), use: statusPage)
        routes.on(MonitorRoute.ackLink(token: .routeKey), use: ackPage)
        routes.on(MonitorRoute.ackLinkSubmit(token: .routeKey), use: ack)
    }

    func statusPage(req: Request) async throws -> HTML {
        let ctx = PageContext(req)
        let code = req.parameters.get("code") ?? ""
        guard let unit = try await OrgUnit.query(on: req.db).filter(\.$code == code).first(), unit.statusPagePublic == true else {
            throw BilingualError.notFound("Không có trang trạng thái này.", "No such status page.")
        }
        let monitors = try await Monitor.query(on: req.db).filter(\.$unit.$id == unit.requireID()).filter(\.$isPublic == true)
            .filter(\.$enabled == true).sort(\.$name).limit(200).all()
        let now = Date()
        let figures = try await PublicStatusFigures.shared.figures(unitID: unit.requireID(), monitorIDs: monitors.compactMap(\.id), now: now,
                                                                   timeZone: req.timeZone, on: req.db)
        let items: [HTML] = monitors.map { monitor in
            let figure = figures[monitor.id!]
            let bars = SVGChart.uptimeBars(days: figure?.days ?? [], width: 600, height: 40,
                                           title: ctx.t("Hoạt động 30 ngày", "Uptime, 30 days") + ": " + monitor.name, timeZone: req.timeZone)
            return """
            <li><span>\(MonitorViews.state(ctx, monitor.state)) <strong>\(monitor.name)</strong>
            · \(ctx.t("30 ngày", "30 days")): \(MonitorViews.percent(figure?.uptime30d))</span>\(HTML(raw: bars))</li>
            """
        }
        let worst = monitors.map(\.state).max { rank($0) < rank($1) } ?? .up
        return PageFrame.page(ctx, title: ctx.t("Trạng thái dịch vụ", "Service status") + " – " + unit.name, body: """
        <h1>\(ctx.t("Trạng thái dịch vụ", "Service status")) – \(unit.name)</h1>
        <p>\(worst == .up || worst == .pending ? ctx.t("Mọi dịch vụ đang hoạt động bình thường.", "All services are operating normally.") : ctx.t("Một số dịch vụ đang gặp sự cố.", "Some services are having trouble.")) \(ctx.t("Cập nhật", "Updated")) \(ctx.date(now)).</p>
        <ul class="status-list">\(items)</ul>
        """)
    }

    private func rank(_ state: MonitorState) -> Int {
        switch state {
        case .pending: 0
        case .up: 1
        case .degraded: 2
        case .down: 3
        }
    }

    func ackPage(req: Request) async throws -> HTML {
        let ctx = PageContext(req)
        let token = req.parameters.get("token") ?? ""
        guard let delivery = try await AckLinks.verify(token, on: req.db) else {
            throw BilingualError.notFound("Liên kết xác nhận không hợp lệ.", "This acknowledgement link is not valid.")
        }
        let alert = delivery.alert
        let monitor = try await Monitor.find(alert.$monitor.id, on: req.db)
        return PageFrame.page(ctx, title: ctx.t("Xác nhận cảnh báo", "Acknowledge an alert"), body: """
        <h1>\(ctx.t("Xác nhận cảnh báo", "Acknowledge an alert"))</h1>
        <p>\(MonitorViews.state(ctx, alert.event)) <strong>\(monitor?.name)</strong> · \(ctx.date(alert.raisedAt)) · \(alert.message)</p>
        \(alert.needsAcknowledgement ? """
        <form method="post" action="/ack/\(token)">\(ctx.csrfField)
        <p>\(ctx.t("Xác nhận với tên", "Acknowledge as")) \(delivery.recipientName) &lt;\(delivery.recipient)&gt;</p>
        <button>\(ctx.t("Tôi đã nhận và đang xử lý", "I have it and am handling it"))</button></form>
        """ as HTML : "<p class=\"gap\">\(alert.acknowledgedAt.map { ctx.t("Đã được xác nhận lúc", "Already acknowledged at") + " " + ctx.date($0) + " – " + (alert.acknowledgedBy ?? "") } ?? ctx.t("Cảnh báo đã kết thúc.", "This alert is over."))</p>" as HTML)
        """)
    }

    func ack(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let delivery = try await AckLinks.verify(token, on: req.db) else {
            throw BilingualError.notFound("Liên kết xác nhận không hợp lệ.", "This acknowledgement link is not valid.")
        }
        let done = try await MonitorAlertService.acknowledge(delivery.alert, viaLinkOf: delivery, on: req.db)
        return req.redirect(to: "/ack/\(token)", flash: Flash(done ? .alertAcknowledged : .alertAlreadyAcknowledged))
    }
}
