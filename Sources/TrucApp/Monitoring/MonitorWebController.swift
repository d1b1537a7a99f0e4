import Fluent
import Foundation
import TrucCore
import Vapor

/// Monitoring pages: the province board, a unit's monitors (with maintenance windows, webhooks and its status
/// page), one monitor with its charts, and alerts with acknowledgement.
struct MonitorWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(MonitorRoute.list, use: list)
        routes.on(MonitorRoute.unitMonitors(unit: .routeKey), use: unitMonitors)
        routes.on(MonitorRoute.create(unit: .routeKey), use: create)
        routes.on(MonitorRoute.createMaintenance(unit: .routeKey), use: createMaintenance)
        routes.on(MonitorRoute.deleteMaintenance(.routeKey), use: deleteMaintenance)
        routes.on(MonitorRoute.createWebhook(unit: .routeKey), use: createWebhook)
        routes.on(MonitorRoute.deleteWebhook(.routeKey), use: deleteWebhook)
        routes.on(MonitorRoute.setStatusPage(unit: .routeKey), use: setStatusPage)
        routes.on(MonitorRoute.show(.routeKey), use: show)
        routes.on(MonitorRoute.update(.routeKey), use: update)
        routes.on(MonitorRoute.delete(.routeKey), use: delete)
        routes.on(MonitorRoute.alerts, use: alerts)
        routes.on(MonitorRoute.alert(.routeKey), use: showAlert)
        routes.on(MonitorRoute.acknowledgeAlert(.routeKey), use: acknowledge)
        routes.on(MonitorRoute.board, use: board)
        routes.on(MonitorRoute.setEscalation, use: setEscalation)
    }

    // MARK: - Lists

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let page = try await MonitorQueries.visible(req, principal: principal).with(\.$unit).page(req.paging())
        let state = req.query[String.self, at: "state"] ?? ""
        return PageFrame.page(ctx, title: ctx.t(.monitoring), body: """
        <h1>\(ctx.t("Giám sát hoạt động", "Uptime monitoring"))</h1>
        <p><a href="/status">\(ctx.t("Bảng toàn tỉnh", "Province board"))</a> · <a href="/alerts">\(ctx.t(.monitoringAlerts))</a>
         · <a href="/units/\(principal.unitID)/monitors">\(ctx.t("Giám sát của đơn vị tôi", "My unit's monitors"))</a>
         · <a href="/outbound">\(ctx.t("Danh sách cho phép kết nối ra ngoài", "Outbound allow-list"))</a></p>
        <form class="filters" method="get" action="/monitors"><label>\(ctx.t(.state))
        <select name="state"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(MonitorState.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: state))</select></label>
        <button>\(ctx.t(.filter))</button></form>
        \(MonitorViews.table(ctx, page.items, showUnit: true))
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        """)
    }

    func unitMonitors(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let canManage = principal.policy.allows(.manageMonitors, on: unitID)
        let page = try await Monitor.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).sort(\.$id).page(req.paging())
        let windows = try await MaintenanceWindowRecord.query(on: req.db).filter(\.$unitID == unitID)
            .filter(\.$endsAt > Date()).sort(\.$startsAt).limit(50).all()
        let hooks = canManage ? try await Webhook.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).limit(50).all() : []
        let systems = try await InformationSystem.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).all()
        let monitors = try await Monitor.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).limit(500).all()
        let isPublic = unit.statusPagePublic ?? false
        return PageFrame.page(ctx, title: ctx.t(.monitoring) + " – " + unit.name, body: """
        <h1>\(ctx.t(.monitoring)) – \(unit.name)</h1>
        <p><a href="/monitors">\(ctx.t("Mọi giám sát", "All monitors"))</a> · <a href="/alerts">\(ctx.t("Cảnh báo", "Alerts"))</a>
        · \(isPublic ? "<a href=\"/status/\(unit.code)\">\(ctx.t("Trang trạng thái công khai", "Public status page"))</a>" as HTML : HTML(stringLiteral: ctx.t("Trang trạng thái công khai: chưa bật", "Public status page: off")))</p>
        \(MonitorViews.table(ctx, page.items, showUnit: false))
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        \(canManage ? MonitorViews.form(ctx, action: "/units/\(unitID)/monitors", systems: systems, monitor: nil) : .empty)
        <h2>\(ctx.t("Khung bảo trì", "Maintenance windows"))</h2>
        <p class="muted">\(ctx.t("Trong khung bảo trì, thay đổi trạng thái vẫn được ghi nhận nhưng không gửi cảnh báo.", "Within a window, state changes are recorded but no alert is sent."))</p>
        <table><thead><tr><th>\(ctx.t(.from))</th><th>\(ctx.t(.to))</th><th>\(ctx.t("Phạm vi", "Scope"))</th><th>\(ctx.t("Lý do", "Reason"))</th><th></th></tr></thead>
        <tbody>\(windows.html { w in """
            <tr><td>\(ctx.date(w.startsAt))</td><td>\(ctx.date(w.endsAt))</td>
            <td>\(w.monitorID.flatMap { id in monitors.first { $0.id == id }?.name } ?? ctx.t("Cả đơn vị", "Whole unit"))</td><td>\(w.reason)</td>
            <td>\(canManage ? "<form method=\"post\" action=\"/maintenance-windows/\(w.id)/delete\">\(ctx.csrfField)<button>\(ctx.t("Huỷ", "Cancel"))</button></form>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        \(canManage ? """
        <form class="stack" method="post" action="/units/\(unitID)/maintenance-windows">\(ctx.csrfField)
          <label>\(ctx.t("Bắt đầu", "Starts")) <input type="datetime-local" name="startsAt" required></label>
          <label>\(ctx.t("Kết thúc", "Ends")) <input type="datetime-local" name="endsAt" required></label>
          <label>\(ctx.t("Giám sát", "Monitor")) <select name="monitorID"><option value="">\(ctx.t("Cả đơn vị", "Whole unit"))</option>\(VulnViews.options(monitors.map { ($0.id!.uuidString, $0.name) }, selected: nil as String?))</select></label>
          <label>\(ctx.t("Lý do", "Reason")) <input name="reason" required maxlength="500"></label>
          <button>\(ctx.t("Thêm khung bảo trì", "Add maintenance window"))</button>
        </form>
        <h2>Webhook</h2>
        <p class="muted">\(ctx.t("Mỗi cảnh báo được gửi dạng JSON, ký HMAC-SHA256 trong tiêu đề X-Truc-Signature (t=…,v1=…).", "Each alert is POSTed as JSON, signed with HMAC-SHA256 in the X-Truc-Signature header (t=…,v1=…)."))</p>
        <table><thead><tr><th>\(ctx.t(.name))</th><th>URL</th><th>\(ctx.t("Gồm đơn vị trực thuộc", "Includes sub-units"))</th><th></th></tr></thead>
        <tbody>\(hooks.html { h in """
            <tr><td>\(h.name)</td><td><code>\(h.url)</code></td><td>\(h.includeSubunits ? ctx.t("Có", "Yes") : ctx.t("Không", "No"))</td>
            <td><form method="post" action="/webhooks/\(h.id)/delete">\(ctx.csrfField)<button>\(ctx.t(.delete))</button></form></td></tr>
            """ })</tbody></table>
        <form class="stack" method="post" action="/units/\(unitID)/webhooks">\(ctx.csrfField)
          <label>\(ctx.t(.name)) <input name="name" required maxlength="120"></label>
          <label>URL <input name="url" type="url" required placeholder="https://soc.example.gov.vn/hooks/truc"></label>
          <label><input type="checkbox" name="includeSubunits" value="true"> \(ctx.t("Nhận cả cảnh báo của đơn vị trực thuộc", "Also receive the sub-units' alerts"))</label>
          <button>\(ctx.t("Thêm webhook", "Add webhook"))</button>
        </form>
        <h2>\(ctx.t("Trang trạng thái công khai", "Public status page"))</h2>
        <form method="post" action="/units/\(unitID)/status-page">\(ctx.csrfField)
          <input type="hidden" name="isPublic" value="\(isPublic ? "false" : "true")">
          <button>\(isPublic ? ctx.t("Tắt trang trạng thái công khai", "Withdraw the public status page") : ctx.t("Bật trang trạng thái công khai (chỉ các giám sát được đánh dấu công khai)", "Publish the status page (only monitors marked public)"))</button>
        </form>
        """ as HTML : .empty)
        """)
    }

    // MARK: - One monitor

    func show(req: Request) async throws -> HTML {
        let monitor = try await MonitorService.find(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let unit = try await OrgUnit.find(monitor.$unit.id, on: req.db)
        let now = Date()
        let (stats, recent) = try await MonitorService.stats(monitor, now: now, timeZone: req.timeZone, on: req.db)
        let alerts = try await MonitorAlert.query(on: req.db).filter(\.$monitor.$id == monitor.requireID())
            .sort(\.$raisedAt, .descending).limit(10).all()
        let canManage = principal.policy.allows(.manageMonitors, on: monitor.$unit.id)
        let systems = canManage ? try await InformationSystem.query(on: req.db).filter(\.$unit.$id == monitor.$unit.id).sort(\.$name).all() : []
        let points = recent.map { LatencyPoint(at: $0.at, ms: $0.latencyMs.map(Double.init), outcome: $0.outcome) }
        let latencyChart = SVGChart.latencyLine(points: points, from: now.addingTimeInterval(-86400), to: now, width: 720, height: 200,
                                                title: ctx.t("Độ trễ 24 giờ qua (ms)", "Latency over the last 24 hours (ms)"),
                                                timeZone: req.timeZone)
        let days = stats.days.compactMap { day -> DailyUptime? in
            MonitorViews.dayFormatter(req.timeZone).date(from: day.day).map { DailyUptime(day: $0, percent: day.uptimePercent) }
        }
        let barsChart = SVGChart.uptimeBars(days: days, width: 720, height: 60,
                                            title: ctx.t("Tỷ lệ hoạt động theo ngày (30 ngày)", "Daily uptime (30 days)"), timeZone: req.timeZone)
        return PageFrame.page(ctx, title: monitor.name, body: """
        <h1>\(monitor.name) \(MonitorViews.state(ctx, monitor.state))</h1>
        <p>\(unit.map { "<a href=\"/units/\($0.id)/monitors\">\($0.name)</a>" as HTML } ?? .empty) · \(ctx.t(monitor.kind.vietnamese, monitor.kind.english)) <code>\(monitor.target)</code>
        · \(ctx.t("mỗi", "every")) \(monitor.intervalSeconds) s · \(monitor.enabled ? "" : ctx.t("ĐANG TẠM DỪNG", "PAUSED"))</p>
        <div class="card">
        <p>\(ctx.t("Kiểm tra gần nhất", "Last check")): \(ctx.date(monitor.lastCheckedAt)) · \(monitor.lastLatencyMs.map { String(format: "%.0f ms", $0) } ?? "—")\(monitor.lastConnectMs.map { " (" + ctx.t("kết nối", "connect") + String(format: " %.0f ms)", $0) } ?? "") \(monitor.lastMessage.map { "· \($0)" } ?? "")
        \(monitor.certExpiresAt.map { "<br>" + ctx.t("Chứng thư hết hạn", "Certificate expires") + " " + ctx.date($0) } ?? "")
        <br>\(ctx.t("Trạng thái từ", "State since")) \(ctx.date(monitor.stateSince))</p>
        <p>\(ctx.t("Hoạt động 24 giờ", "Uptime 24 h")): <strong>\(MonitorViews.percent(stats.uptime24h))</strong> · \(ctx.t("30 ngày", "30 days")): <strong>\(MonitorViews.percent(stats.uptime30d))</strong>
        · \(ctx.t("Độ trễ", "Latency")) p50/p95/p99 (24 h): \(MonitorViews.ms(stats.latencyP50Ms24h)) / \(MonitorViews.ms(stats.latencyP95Ms24h)) / \(MonitorViews.ms(stats.latencyP99Ms24h))
        · p99 (30 \(ctx.t("ngày", "days"))): \(MonitorViews.ms(stats.latencyP99Ms30d))</p>
        </div>
        <figure>\(HTML(raw: latencyChart))</figure>
        <figure>\(HTML(raw: barsChart))</figure>
        <h2>\(ctx.t("Các lần gián đoạn", "Downtime"))</h2>
        <table><thead><tr><th>\(ctx.t("Bắt đầu", "Started"))</th><th>\(ctx.t("Kết thúc", "Ended"))</th><th>\(ctx.t("Thời gian", "Duration"))</th><th>\(ctx.t("Nguyên nhân", "Cause"))</th></tr></thead>
        <tbody>\(stats.outages.html { o in """
            <tr><td>\(ctx.date(o.startedAt))</td><td>\(o.endedAt.map { ctx.date($0) } ?? ctx.t("Đang gián đoạn", "Ongoing"))</td>
            <td>\(o.durationSeconds.map(MonitorViews.duration) ?? "")</td><td>\(o.cause)\(o.inMaintenance ? " (" + ctx.t("bảo trì", "maintenance") + ")" : "")</td></tr>
            """ })</tbody></table>
        <h2>\(ctx.t("Cảnh báo", "Alerts"))</h2>
        \(MonitorViews.alertTable(ctx, alerts, names: [monitor.id!: monitor.name], principal: principal))
        \(canManage ? """
        \(MonitorViews.form(ctx, action: "/monitors/\(monitor.id!)", systems: systems, monitor: monitor))
        <form method="post" action="/monitors/\(monitor.id)/delete">\(ctx.csrfField)<button class="danger">\(ctx.t("Xoá giám sát và lịch sử", "Delete the monitor and its history"))</button></form>
        """ as HTML : .empty)
        """)
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try MonitorViews.input(from: try req.input(MonitorViews.MonitorForm.self))
        let monitor = try await MonitorService.create(unitID: unit.requireID(), input: input, by: principal, outbound: req.application.outbound, on: req.db)
        return req.redirect(to: "/monitors/\(monitor.id!)", flash: Flash(.monitorAdded))
    }

    func update(req: Request) async throws -> Response {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        let input = try MonitorViews.input(from: try req.input(MonitorViews.MonitorForm.self))
        _ = try await MonitorService.update(monitor, with: input, by: try req.requirePrincipal(), outbound: req.application.outbound, on: req.db)
        return req.redirect(to: "/monitors/\(monitor.id!)", flash: Flash(.saved))
    }

    func delete(req: Request) async throws -> Response {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        try await MonitorService.delete(monitor, by: try req.requirePrincipal(), on: req.db)
        return req.redirect(to: "/units/\(monitor.$unit.id)/monitors", flash: Flash(.monitorDeleted))
    }

    // MARK: - Maintenance, webhooks, status page

    struct MaintenanceForm: Content, LimitedInput {
        var startsAt: String
        var endsAt: String
        var monitorID: String?
        var reason: String

        func checkLimits(_ check: inout TextLimitCheck) {
            MaintenanceInput(startsAt: Date(), endsAt: Date(), reason: reason).checkLimits(&check)
            for (field, value) in [("startsAt", startsAt), ("endsAt", endsAt), ("monitorID", monitorID)] { check.text(field, value, TextLimit.code) }
        }
    }

    func createMaintenance(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let form = try req.input(MaintenanceForm.self)
        guard let start = VNDateFormat.parse(form.startsAt, timeZone: req.timeZone), let end = VNDateFormat.parse(form.endsAt, timeZone: req.timeZone) else {
            throw BilingualError.invalid("Thời gian bắt đầu và kết thúc phải là ngày giờ hợp lệ.", "startsAt and endsAt must be dates and times.")
        }
        var monitorID: UUID?
        if let text = form.monitorID.nonEmpty {
            guard let id = UUID(uuidString: text) else { throw BilingualError.badRequest("Giám sát không hợp lệ.", "monitorID must be a UUID.") }
            monitorID = id
        }
        _ = try await MaintenanceService.create(unitID: unit.requireID(), input: MaintenanceInput(monitorID: monitorID, startsAt: start, endsAt: end, reason: form.reason),
                                                by: principal, on: req.db)
        return req.redirect(to: "/units/\(unit.id!)/monitors", flash: Flash(.maintenanceAdded))
    }

    func deleteMaintenance(req: Request) async throws -> Response {
        guard let id = req.parameters.get("windowID", as: UUID.self), let record = try await MaintenanceWindowRecord.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có khung bảo trì này.", "No such maintenance window.")
        }
        let principal = try req.authorize(.manageMonitors, on: record.unitID)
        try await MaintenanceService.delete(record, by: principal, on: req.db)
        return req.redirect(to: "/units/\(record.unitID)/monitors", flash: Flash(.maintenanceCancelled))
    }

    struct WebhookForm: Content, LimitedInput {
        var name: String
        var url: String
        var includeSubunits: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            WebhookInput(name: name, url: url).checkLimits(&check)
            check.text("includeSubunits", includeSubunits, TextLimit.code)
        }
    }

    func createWebhook(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let ctx = PageContext(req)
        let form = try req.input(WebhookForm.self)
        let hook = try await WebhookService.create(unitID: unit.requireID(),
                                                   input: WebhookInput(name: form.name, url: form.url, includeSubunits: form.includeSubunits == "true"),
                                                   by: principal, outbound: req.application.outbound, on: req.db)
        return PageFrame.page(ctx, title: "Webhook", body: """
        <h1>\(ctx.t("Đã thêm webhook", "Webhook added")): \(hook.name)</h1>
        <p>\(ctx.t("Khoá ký (chỉ hiển thị một lần, hãy lưu lại):", "Signing secret (shown once, keep it):"))</p>
        <p><code class="secret">\(hook.secret)</code></p>
        <p><a href="/units/\(unit.id)/monitors">\(ctx.t(.back))</a></p>
        """)
    }

    func deleteWebhook(req: Request) async throws -> Response {
        guard let id = req.parameters.get("webhookID", as: UUID.self), let hook = try await Webhook.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có webhook này.", "No such webhook.")
        }
        let principal = try req.authorize(.manageMonitors, on: hook.$unit.id)
        try await WebhookService.delete(hook, by: principal, on: req.db)
        return req.redirect(to: "/units/\(hook.$unit.id)/monitors", flash: Flash(.webhookDeleted))
    }

    func setStatusPage(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let isPublic = (try? req.content.get(String.self, at: "isPublic")) == "true"
        try await StatusPageService.set(unit, isPublic: isPublic, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unit.id!)/monitors", flash: Flash(isPublic ? .statusPagePublished : .statusPageWithdrawn))
    }

    // MARK: - Alerts

    func alerts(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let open = req.query[String.self, at: "open"] == "true"
        let query = MonitorAlert.query(on: req.db).sort(\.$raisedAt, .descending).sort(\.$id).with(\.$monitor)
        if !principal.isCoordinator { query.filter(\.$unitID ~~ Array(principal.policy.units(with: .read) ?? [])) }
        if open { query.filter(\.$acknowledgedAt == nil).filter(\.$resolvedAt == nil).filter(\.$event != .up) }
        let page = try await query.page(req.paging())
        let names = Dictionary(page.items.map { ($0.$monitor.id, $0.monitor.name) }, uniquingKeysWith: { a, _ in a })
        let policy = try await EscalationSettings.load(on: req.db)
        return PageFrame.page(ctx, title: ctx.t(.monitoringAlerts), body: """
        <h1>\(ctx.t(.monitoringAlerts))</h1>
        <p>\(open ? "<a href=\"/alerts\">\(ctx.t("Mọi cảnh báo", "All alerts"))</a>" as HTML : "<a href=\"/alerts?open=true\">\(ctx.t("Chỉ cảnh báo chờ xác nhận", "Only alerts waiting for acknowledgement"))</a>" as HTML)</p>
        <p class="muted">\(ctx.t("Cảnh báo gửi cho cán bộ đang trực của đơn vị (theo lịch trực), nếu không có thì quản trị đơn vị; chưa ai xác nhận sau \(policy.delayMinutes) phút thì chuyển cấp lên quản trị đơn vị rồi điều phối cấp tỉnh.", "Alerts go to the unit's people on duty (from the roster), else its admins; unacknowledged after \(policy.delayMinutes) minutes they escalate to the unit admins, then to the provincial coordinators."))</p>
        \(MonitorViews.alertTable(ctx, page.items, names: names, principal: principal))
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        \(principal.isCoordinator ? """
        <form class="filters" method="post" action="/escalation">\(ctx.csrfField)
        <label>\(ctx.t("Thời gian chờ trước khi chuyển cấp (phút)", "Escalation delay (minutes)")) <input type="number" name="delayMinutes" min="1" max="1440" value="\(policy.delayMinutes)"></label>
        <button>\(ctx.t(.save))</button></form>
        """ as HTML : .empty)
        """)
    }

    func showAlert(req: Request) async throws -> HTML {
        let alert = try await MonitorAPIController.findAlert(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let deliveries = try await AlertDelivery.query(on: req.db).filter(\.$alert.$id == alert.requireID()).sort(\.$createdAt).all()
        return PageFrame.page(ctx, title: ctx.t("Cảnh báo", "Alert"), body: """
        <h1>\(MonitorViews.state(ctx, alert.event)) <a href="/monitors/\(alert.$monitor.id)">\(alert.monitor.name)</a></h1>
        \(MonitorViews.alertTable(ctx, [alert], names: [alert.$monitor.id: alert.monitor.name], principal: principal))
        <h2>\(ctx.t("Đã gửi tới", "Deliveries"))</h2>
        <table><thead><tr><th>\(ctx.t("Kênh", "Channel"))</th><th>\(ctx.t("Người nhận", "Recipient"))</th><th>\(ctx.t("Cấp", "Stage"))</th><th>\(ctx.t(.status))</th><th>\(ctx.t("Lần thử", "Attempts"))</th><th>\(ctx.t("Đã gửi", "Sent"))</th><th>\(ctx.t("Lỗi", "Error"))</th></tr></thead>
        <tbody>\(deliveries.html { d in """
            <tr><td>\(d.channel.rawValue)</td><td>\(d.recipientName) \(d.channel == .email ? "<\(d.recipient)>" : "")</td><td>\(ctx.t(d.stage.vietnamese, d.stage.english))</td>
            <td>\(d.status.rawValue)</td><td>\(d.attempts)</td><td>\(ctx.date(d.sentAt))</td><td>\(d.lastError)</td></tr>
            """ })</tbody></table>
        """)
    }

    func acknowledge(req: Request) async throws -> Response {
        let alert = try await MonitorAPIController.findAlert(req, .acknowledgeAlerts)
        try await MonitorAlertService.acknowledge(alert, principal: try req.requirePrincipal(), on: req.db)
        let back = LocalPath.validated((try? req.content.get(String.self, at: "next")), or: "/alerts")
        return req.redirect(to: back, flash: Flash(.alertAcknowledged))
    }

    func setEscalation(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let minutes = (try? req.content.get(Int.self, at: "delayMinutes")) ?? 0
        let policy = try EscalationSettings.validated(minutes: minutes)
        let before = try await EscalationSettings.load(on: req.db)
        try await req.db.transaction { tx in
            try await EscalationSettings.save(policy, on: tx)
            try await Audit.record("escalation.update", entity: "setting", id: EscalationSettings.key, unitID: nil,
                                   before: before, after: policy, by: principal, on: tx)
        }
        return req.redirect(to: "/alerts", flash: Flash(.saved))
    }

    // MARK: - Province board

    func board(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let rows = try await StatusBoard.units(for: principal, on: req.db)
        let problems = try await StatusBoard.problems(for: principal, on: req.db)
        let totals = MonitorState.allCases.map { state in (state, rows.reduce(0) { $0 + ($1.counts[state] ?? 0) }) }
        return PageFrame.page(ctx, title: ctx.t("Bảng giám sát toàn tỉnh", "Province monitoring board"), body: """
        <h1>\(ctx.t("Bảng giám sát toàn tỉnh", "Province monitoring board"))</h1>
        <p>\(totals.html { "\(MonitorViews.state(ctx, $0.0)) \($0.1) " })</p>
        \(problems.isEmpty ? "<p class=\"gap ok\">\(ctx.t("Mọi giám sát đang hoạt động.", "Every monitor is up."))</p>" as HTML : """
        <h2>\(ctx.t("Đang có sự cố", "Having trouble now"))</h2>
        \(MonitorViews.table(ctx, problems, showUnit: true))
        """ as HTML)
        <h2>\(ctx.t("Theo đơn vị", "By unit"))</h2>
        <table><thead><tr><th>\(ctx.t(.unit))</th>\(MonitorState.allCases.html { "<th>\(ctx.t($0.vietnamese, $0.english))</th>" })<th>\(ctx.t("Cảnh báo chờ xác nhận", "Alerts waiting"))</th><th></th></tr></thead>
        <tbody>\(rows.html { row in """
            <tr><td><a href="/units/\(row.unitID)/monitors">\(row.unitCode) — \(row.unitName)</a></td>
            \(MonitorState.allCases.html { "<td class=\"num\">\(row.counts[$0] ?? 0)</td>" })<td class="num">\(row.openAlerts)</td>
            <td>\(row.statusPagePublic ? "<a href=\"/status/\(row.unitCode)\">\(ctx.t("Trang công khai", "Public page"))</a>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        """)
    }
}
