import Foundation
import Vapor

/// Monitoring: monitors, maintenance windows, webhooks, alerts, the status board and public status pages.
enum MonitorRoute: WebRoute, Equatable {
    case list, unitMonitors(unit: UUID), create(unit: UUID)
    case createMaintenance(unit: UUID), deleteMaintenance(UUID)
    case createWebhook(unit: UUID), deleteWebhook(UUID)
    case setStatusPage(unit: UUID)
    case show(UUID), update(UUID), delete(UUID)
    case alerts, alert(UUID), acknowledgeAlert(UUID)
    case board, setEscalation
    case publicStatus(code: String), ackLink(token: String), ackLinkSubmit(token: String)

    var method: HTTPMethod {
        switch self {
        case .list, .unitMonitors, .show, .alerts, .alert, .board, .publicStatus, .ackLink: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .list: [.fixed("monitors")]
        case .unitMonitors(let u), .create(let u): [.fixed("units"), .id("unitID", u), .fixed("monitors")]
        case .createMaintenance(let u): [.fixed("units"), .id("unitID", u), .fixed("maintenance-windows")]
        case .deleteMaintenance(let w): [.fixed("maintenance-windows"), .id("windowID", w), .fixed("delete")]
        case .createWebhook(let u): [.fixed("units"), .id("unitID", u), .fixed("webhooks")]
        case .deleteWebhook(let w): [.fixed("webhooks"), .id("webhookID", w), .fixed("delete")]
        case .setStatusPage(let u): [.fixed("units"), .id("unitID", u), .fixed("status-page")]
        case .show(let m), .update(let m): [.fixed("monitors"), .id("monitorID", m)]
        case .delete(let m): [.fixed("monitors"), .id("monitorID", m), .fixed("delete")]
        case .alerts: [.fixed("alerts")]
        case .alert(let a): [.fixed("alerts"), .id("alertID", a)]
        case .acknowledgeAlert(let a): [.fixed("alerts"), .id("alertID", a), .fixed("ack")]
        case .board: [.fixed("status")]
        case .setEscalation: [.fixed("escalation")]
        case .publicStatus(let code): [.fixed("status"), .text("code", code)]
        case .ackLink(let t), .ackLinkSubmit(let t): [.fixed("ack"), .text("token", t)]
        }
    }

    static let allPatterns: [MonitorRoute] = {
        let k = UUID.routeKey
        return [.list, .unitMonitors(unit: k), .create(unit: k), .createMaintenance(unit: k), .deleteMaintenance(k),
                .createWebhook(unit: k), .deleteWebhook(k), .setStatusPage(unit: k), .show(k), .update(k), .delete(k),
                .alerts, .alert(k), .acknowledgeAlert(k), .board, .setEscalation,
                .publicStatus(code: .routeKey), .ackLink(token: .routeKey), .ackLinkSubmit(token: .routeKey)]
    }()
}
