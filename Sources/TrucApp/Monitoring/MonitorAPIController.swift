import Fluent
import Foundation
import TrucCore
import Vapor

/// Uptime monitoring: monitors, their results and figures, alerts and acknowledgement, maintenance windows,
/// webhooks, status pages and the escalation delay.
struct MonitorAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.listUnitMonitors, use: listUnitMonitors)
        routes.on(API.create, use: create)
        routes.on(API.listMaintenance, use: listMaintenance)
        routes.on(API.createMaintenance, use: createMaintenance)
        routes.on(API.listWebhooks, use: listWebhooks)
        routes.on(API.createWebhook, use: createWebhook)
        routes.on(API.setStatusPage, use: setStatusPage)
        routes.on(API.listAll, use: listAll)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.delete, use: delete)
        routes.on(API.results, use: results)
        routes.on(API.stats, use: stats)
        routes.on(API.listAlerts, use: listAlerts)
        routes.on(API.showAlert, use: showAlert)
        routes.on(API.acknowledge, use: acknowledge)
        routes.on(API.deleteMaintenance, use: deleteMaintenance)
        routes.on(API.deleteWebhook, use: deleteWebhook)
        routes.on(API.escalation, use: escalation)
        routes.on(API.setEscalation, use: setEscalation)
    }

    static let monitorFilters: [APIOperation.Param] = [
        .init(name: "state", description: "pending, up, degraded or down"),
        .init(name: "unitID", description: "Only this unit's monitors"),
    ]

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let listUnitMonitors = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/monitors", summary: "The unit's monitors", tag: "Monitoring",
              query: APIOperation.paging, reply: .page("Monitor"))
        static let create = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/monitors",
              summary: "Add a monitor (unit admin): HTTP(S), TCP, TLS certificate or DNS; every invalid field is listed in the 422",
              tag: "Monitoring", body: .json("MonitorInput"), reply: .created("Monitor"))
        static let listAll = APIOperation(method: .GET, path: "/api/v1/monitors", summary: "Every monitor the caller may see, worst state first", tag: "Monitoring",
              query: APIOperation.paging + monitorFilters, reply: .page("Monitor"))
        static let show = APIOperation(method: .GET, path: "/api/v1/monitors/{monitorID}", summary: "One monitor and its current state", tag: "Monitoring",
              reply: .json("Monitor"))
        static let update = APIOperation(method: .PUT, path: "/api/v1/monitors/{monitorID}",
              summary: "Change a monitor (unit admin); a new target starts its state afresh", tag: "Monitoring",
              body: .json("MonitorInput"), reply: .json("Monitor"))
        static let delete = APIOperation(method: .DELETE, path: "/api/v1/monitors/{monitorID}", summary: "Delete a monitor and its history", tag: "Monitoring",
              reply: .noContent)
        static let results = APIOperation(method: .GET, path: "/api/v1/monitors/{monitorID}/results",
              summary: "Raw check results of the last hours (kept two days; older data is rolled up)", tag: "Monitoring",
              query: APIOperation.paging + [.init(name: "hours", description: "How far back, 1-48 (default 24)", type: "integer")],
              reply: .page("CheckResult"))
        static let stats = APIOperation(method: .GET, path: "/api/v1/monitors/{monitorID}/stats",
              summary: "Uptime over 24 h and 30 days, latency percentiles, daily uptime and downtime episodes", tag: "Monitoring",
              reply: .json("MonitorStats"))
        static let listAlerts = APIOperation(method: .GET, path: "/api/v1/alerts", summary: "Alerts of the caller's units, newest first", tag: "Monitoring",
              query: APIOperation.paging + [.init(name: "open", description: "true: only alerts waiting for acknowledgement", type: "boolean")],
              reply: .page("Alert"))
        static let showAlert = APIOperation(method: .GET, path: "/api/v1/alerts/{alertID}", summary: "One alert with its deliveries (who was told, how, when)",
              tag: "Monitoring", reply: .json("Alert"))
        static let acknowledge = APIOperation(method: .POST, path: "/api/v1/alerts/{alertID}/ack",
              summary: "Acknowledge an alert (unit admin or duty officer): it stops escalating", tag: "Monitoring", reply: .json("Alert"))
        static let listMaintenance = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/maintenance-windows", summary: "The unit's maintenance windows",
              tag: "Monitoring", query: APIOperation.paging, reply: .page("MaintenanceWindow"))
        static let createMaintenance = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/maintenance-windows",
              summary: "Plan a maintenance window (unit admin): no alerts for the unit (or one monitor) within it",
              tag: "Monitoring", body: .json("MaintenanceInput"), reply: .created("MaintenanceWindow"))
        static let deleteMaintenance = APIOperation(method: .DELETE, path: "/api/v1/maintenance-windows/{windowID}", summary: "Cancel a maintenance window",
              tag: "Monitoring", reply: .noContent)
        static let listWebhooks = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/webhooks", summary: "The unit's webhooks (secrets are not shown)",
              tag: "Monitoring", query: APIOperation.paging, reply: .page("Webhook"))
        static let createWebhook = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/webhooks",
              summary: "Add a webhook (unit admin); the reply shows its signing secret once", tag: "Monitoring",
              body: .json("WebhookInput"), reply: .created("Webhook"))
        static let deleteWebhook = APIOperation(method: .DELETE, path: "/api/v1/webhooks/{webhookID}", summary: "Delete a webhook", tag: "Monitoring", reply: .noContent)
        static let setStatusPage = APIOperation(method: .PUT, path: "/api/v1/units/{unitID}/status-page",
              summary: "Publish or withdraw the unit's public status page (/status/{code}) of its public monitors", tag: "Monitoring",
              body: .json("StatusPageInput"), reply: .json("Unit"))
        static let escalation = APIOperation(method: .GET, path: "/api/v1/escalation", summary: "The escalation delay", tag: "Monitoring", reply: .json("Escalation"))
        static let setEscalation = APIOperation(method: .PUT, path: "/api/v1/escalation", summary: "Change the escalation delay (coordinator)", tag: "Monitoring",
              body: .json("Escalation"), reply: .json("Escalation"))
    }

    static let operations: [APIOperation] = [API.listUnitMonitors, API.create, API.listAll, API.show, API.update, API.delete, API.results, API.stats, API.listAlerts, API.showAlert, API.acknowledge, API.listMaintenance, API.createMaintenance, API.deleteMaintenance, API.listWebhooks, API.createWebhook, API.deleteWebhook, API.setStatusPage, API.escalation, API.setEscalation]

    // MARK: - Monitors

    func listUnitMonitors(req: Request) async throws -> Page<MonitorDTO> {
        let unit = try await req.findUnit()
        return try await Monitor.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$name).sort(\.$id)
            .page(req.paging()).map { $0.dto() }
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try req.input(MonitorInput.self)
        let monitor = try await MonitorService.create(unitID: unit.requireID(), input: input, by: principal, outbound: req.application.outbound, on: req.db)
        return try Self.created(monitor.dto())
    }

    func listAll(req: Request) async throws -> Page<MonitorDTO> {
        let principal = try req.requirePrincipal()
        let query = try MonitorQueries.visible(req, principal: principal)
        return try await query.page(req.paging()).map { $0.dto() }
    }

    func show(req: Request) async throws -> MonitorDTO {
        try await MonitorService.find(req).dto()
    }

    func update(req: Request) async throws -> MonitorDTO {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        let input = try req.input(MonitorInput.self)
        return try await MonitorService.update(monitor, with: input, by: try req.requirePrincipal(), outbound: req.application.outbound, on: req.db).dto()
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let monitor = try await MonitorService.find(req, .manageMonitors)
        try await MonitorService.delete(monitor, by: try req.requirePrincipal(), on: req.db)
        return .noContent
    }

    func results(req: Request) async throws -> Page<CheckResultDTO> {
        let monitor = try await MonitorService.find(req)
        let hours = req.query[Int.self, at: "hours"] ?? 24
        guard (1...48).contains(hours) else { throw BilingualError.badRequest("hours phải từ 1 đến 48.", "hours must be 1-48.") }
        let paging = try req.paging()
        let all = try await MonitorCheckStore.results(of: monitor.requireID(), since: Date().addingTimeInterval(-Double(hours) * 3600),
                                                      limit: 10_000, on: req.db).reversed()
        return paging.page(of: Array(all))
            .map { CheckResultDTO(at: $0.at, outcome: $0.outcome, latencyMs: $0.latencyMs, message: $0.message) }
    }

    func stats(req: Request) async throws -> MonitorStatsDTO {
        let monitor = try await MonitorService.find(req)
        return try await MonitorService.stats(monitor, timeZone: req.timeZone, on: req.db).0
    }

    // MARK: - Alerts

    func listAlerts(req: Request) async throws -> Page<AlertDTO> {
        let principal = try req.requirePrincipal()
        let open = try FindingService.bool(req.query[String.self, at: "open"], "open") ?? false
        let query = MonitorAlert.query(on: req.db).sort(\.$raisedAt, .descending).sort(\.$id)
        if !principal.isCoordinator { query.filter(\.$unitID ~~ Array(principal.policy.units(with: .read) ?? [])) }
        if open { query.filter(\.$acknowledgedAt == nil).filter(\.$resolvedAt == nil).filter(\.$event != .up) }
        let page = try await query.with(\.$monitor).page(req.paging())
        return page.map { $0.dto(monitorName: $0.monitor.name) }
    }

    static func findAlert(_ req: Request, _ permission: Permission = .read) async throws -> MonitorAlert {
        guard let id = req.parameters.get("alertID", as: UUID.self),
              let alert = try await MonitorAlert.query(on: req.db).filter(\.$id == id).with(\.$monitor).first()
        else { throw BilingualError.notFound("Không có cảnh báo này.", "No such alert.") }
        try req.authorize(permission, on: alert.unitID)
        return alert
    }

    func showAlert(req: Request) async throws -> AlertDTO {
        let alert = try await Self.findAlert(req)
        let deliveries = try await AlertDelivery.query(on: req.db).filter(\.$alert.$id == alert.requireID()).sort(\.$createdAt).all()
        return alert.dto(monitorName: alert.monitor.name, deliveries: deliveries)
    }

    func acknowledge(req: Request) async throws -> AlertDTO {
        let alert = try await Self.findAlert(req, .acknowledgeAlerts)
        let principal = try req.requirePrincipal()
        try await MonitorAlertService.acknowledge(alert, principal: principal, on: req.db)
        return try await showAlert(req: req)
    }

    // MARK: - Maintenance windows

    func listMaintenance(req: Request) async throws -> Page<MaintenanceDTO> {
        let unit = try await req.findUnit()
        return try await MaintenanceWindowRecord.query(on: req.db).filter(\.$unitID == unit.requireID())
            .sort(\.$startsAt, .descending).sort(\.$id).page(req.paging()).map { $0.dto() }
    }

    func createMaintenance(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try req.input(MaintenanceInput.self)
        let record = try await MaintenanceService.create(unitID: unit.requireID(), input: input, by: principal, on: req.db)
        return try Self.created(record.dto())
    }

    func deleteMaintenance(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("windowID", as: UUID.self), let record = try await MaintenanceWindowRecord.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có khung bảo trì này.", "No such maintenance window.")
        }
        let principal = try req.authorize(.manageMonitors, on: record.unitID)
        try await MaintenanceService.delete(record, by: principal, on: req.db)
        return .noContent
    }

    // MARK: - Webhooks

    func listWebhooks(req: Request) async throws -> Page<WebhookDTO> {
        let unit = try await req.findUnit()
        try req.authorize(.manageMonitors, on: unit.requireID())
        return try await Webhook.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$name).sort(\.$id)
            .page(req.paging()).map { $0.dto() }
    }

    func createWebhook(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try req.input(WebhookInput.self)
        let hook = try await WebhookService.create(unitID: unit.requireID(), input: input, by: principal, outbound: req.application.outbound, on: req.db)
        return try Self.created(hook.dto(showingSecret: true))
    }

    func deleteWebhook(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("webhookID", as: UUID.self), let hook = try await Webhook.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có webhook này.", "No such webhook.")
        }
        let principal = try req.authorize(.manageMonitors, on: hook.$unit.id)
        try await WebhookService.delete(hook, by: principal, on: req.db)
        return .noContent
    }

    // MARK: - Status page, escalation

    func setStatusPage(req: Request) async throws -> UnitDTO {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageMonitors, on: unit.requireID())
        let input = try req.input(StatusPageInput.self)
        try await StatusPageService.set(unit, isPublic: input.isPublic, by: principal, on: req.db)
        return unit.dto()
    }

    func escalation(req: Request) async throws -> EscalationInput {
        _ = try req.requirePrincipal()
        return EscalationInput(delayMinutes: try await EscalationSettings.load(on: req.db).delayMinutes)
    }

    func setEscalation(req: Request) async throws -> EscalationInput {
        let principal = try req.requireCoordinator()
        let input = try req.input(EscalationInput.self)
        let policy = try EscalationSettings.validated(minutes: input.delayMinutes)
        let before = try await EscalationSettings.load(on: req.db)
        try await req.db.transaction { tx in
            try await EscalationSettings.save(policy, on: tx)
            try await Audit.record("escalation.update", entity: "setting", id: EscalationSettings.key, unitID: nil,
                                   before: before, after: policy, by: principal, on: tx)
        }
        return EscalationInput(delayMinutes: policy.delayMinutes)
    }

    static func created(_ value: some Content) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(value)
        return response
    }
}

/// Monitor lists shared by the API and the pages.
enum MonitorQueries {
    static func visible(_ req: Request, principal: Principal) throws -> QueryBuilder<Monitor> {
        let query = Monitor.query(on: req.db)
        if !principal.isCoordinator { query.filter(\.$unit.$id ~~ Array(principal.policy.units(with: .read) ?? [])) }
        if let unitText = req.query[String.self, at: "unitID"].nonEmpty {
            guard let unitID = UUID(uuidString: unitText) else { throw BilingualError.badRequest("unitID phải là UUID.", "unitID must be a UUID.") }
            query.filter(\.$unit.$id == unitID)
        }
        if let stateText = req.query[String.self, at: "state"].nonEmpty {
            guard let state = MonitorState(rawValue: stateText) else {
                throw BilingualError.badRequest("Trạng thái không hợp lệ.", "state must be one of \(MonitorState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.filter(\.$state == state)
        }
        return query.sort(\.$name).sort(\.$id)
    }
}
