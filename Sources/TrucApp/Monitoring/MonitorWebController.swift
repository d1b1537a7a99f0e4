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
        let page = try await MonitorQueries.visible(req, principal: principal).with(\.$unit).page(req.paging())
        let state = req.query[String.self, at: "state"].flatMap(MonitorState.init(rawValue:))
        let model = MonitorList.Model(monitors: page.items, metadata: page.metadata, state: state, unitID: principal.unitID)
        return MonitorList.View(ctx: PageContext(req), model: model).document()
    }

    func unitMonitors(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.requirePrincipal()
        let model = try await UnitMonitors.Model.query(unit: unit, principal: principal, paging: try req.paging(), now: Date(), on: req.db)
        return UnitMonitors.View(ctx: PageContext(req), model: model).document()
    }

    // MARK: - One monitor

    func show(req: Request) async throws -> HTML {
        let monitor = try await MonitorService.find(req)
        let principal = try req.requirePrincipal()
        let model = try await MonitorShow.Model.query(monitor, principal: principal, now: Date(), timeZone: req.timeZone, on: req.db)
        return MonitorShow.View(ctx: PageContext(req), model: model).document()
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try MonitorViews.input(from: try req.input(MonitorViews.MonitorForm.self))
        let monitor = try await MonitorService.create(unitID: unit.requireID(), input: input, by: principal, outbound: req.application.outbound, on: req.db)
        return req.redirect(to: MonitorRoute.show(monitor.id!), flash: Flash(.monitorAdded))
    }

    func update(req: Request) async throws -> Response {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        let input = try MonitorViews.input(from: try req.input(MonitorViews.MonitorForm.self))
        _ = try await MonitorService.update(monitor, with: input, by: try req.requirePrincipal(), outbound: req.application.outbound, on: req.db)
        return req.redirect(to: MonitorRoute.show(monitor.id!), flash: Flash(.saved))
    }

    func delete(req: Request) async throws -> Response {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        try await MonitorService.delete(monitor, by: try req.requirePrincipal(), on: req.db)
        return req.redirect(to: MonitorRoute.unitMonitors(unit: monitor.$unit.id), flash: Flash(.monitorDeleted))
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
        return req.redirect(to: MonitorRoute.unitMonitors(unit: unit.id!), flash: Flash(.maintenanceAdded))
    }

    func deleteMaintenance(req: Request) async throws -> Response {
        guard let id = req.parameters.get("windowID", as: UUID.self), let record = try await MaintenanceWindowRecord.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có khung bảo trì này.", "No such maintenance window.")
        }
        let principal = try req.authorize(.manageMonitors, on: record.unitID)
        try await MaintenanceService.delete(record, by: principal, on: req.db)
        return req.redirect(to: MonitorRoute.unitMonitors(unit: record.unitID), flash: Flash(.maintenanceCancelled))
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
        let form = try req.input(WebhookForm.self)
        let hook = try await WebhookService.create(unitID: unit.requireID(),
                                                   input: WebhookInput(name: form.name, url: form.url, includeSubunits: form.includeSubunits == "true"),
                                                   by: principal, outbound: req.application.outbound, on: req.db)
        return WebhookCreatedView(ctx: PageContext(req), unitID: try unit.requireID(), name: hook.name, secret: hook.secret).document()
    }

    func deleteWebhook(req: Request) async throws -> Response {
        guard let id = req.parameters.get("webhookID", as: UUID.self), let hook = try await Webhook.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có webhook này.", "No such webhook.")
        }
        let principal = try req.authorize(.manageMonitors, on: hook.$unit.id)
        try await WebhookService.delete(hook, by: principal, on: req.db)
        return req.redirect(to: MonitorRoute.unitMonitors(unit: hook.$unit.id), flash: Flash(.webhookDeleted))
    }

    func setStatusPage(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let isPublic = (try? req.content.get(String.self, at: "isPublic")) == "true"
        try await StatusPageService.set(unit, isPublic: isPublic, by: principal, on: req.db)
        return req.redirect(to: MonitorRoute.unitMonitors(unit: unit.id!), flash: Flash(isPublic ? .statusPagePublished : .statusPageWithdrawn))
    }

    // MARK: - Alerts

    func alerts(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let open = req.query[String.self, at: "open"] == "true"
        let model = try await AlertList.Model.query(for: principal, onlyOpen: open, paging: try req.paging(), on: req.db)
        return AlertList.View(ctx: PageContext(req), model: model).document()
    }

    func showAlert(req: Request) async throws -> HTML {
        let alert = try await MonitorAPIController.findAlert(req)
        _ = try req.requirePrincipal()
        let deliveries = try await AlertDelivery.query(on: req.db).filter(\.$alert.$id == alert.requireID()).sort(\.$createdAt).all()
        return AlertShow.View(ctx: PageContext(req), model: AlertShow.Model(alert: alert, deliveries: deliveries)).document()
    }

    func acknowledge(req: Request) async throws -> Response {
        let alert = try await MonitorAPIController.findAlert(req, .acknowledgeAlerts)
        try await MonitorAlertService.acknowledge(alert, principal: try req.requirePrincipal(), on: req.db)
        let back = LocalPath.validated((try? req.content.get(String.self, at: "next")), or: MonitorRoute.alerts.path)
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
        return req.redirect(to: MonitorRoute.alerts, flash: Flash(.saved))
    }

    // MARK: - Province board

    func board(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let model = MonitorBoard.Model(units: try await StatusBoard.units(for: principal, on: req.db),
                                       problems: try await StatusBoard.problems(for: principal, on: req.db))
        return MonitorBoard.View(ctx: PageContext(req), model: model).document()
    }
}
