import Fluent
import Foundation
import TrucCore
import Vapor

/// A monitor as the API shows it.
struct MonitorDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var systemID: UUID?
    var name: String
    var kind: MonitorKind
    var target: String
    var settings: MonitorSettings
    var intervalSeconds: Int
    var timeoutSeconds: Double
    var retries: Int
    var enabled: Bool
    var isPublic: Bool
    var state: MonitorState
    var stateSince: Date?
    var lastCheckedAt: Date?
    var lastOutcome: ProbeOutcome?
    /// The target's answer time (HTTP: from the request sent on an open connection to the response head).
    var lastLatencyMs: Double?
    /// Time to get a connection (name check, TCP connect, TLS), HTTP monitors only.
    var lastConnectMs: Double?
    var lastMessage: String?
    var certificateExpiresAt: Date?
    var nextDueAt: Date
}

/// Body of POST /units/{unitID}/monitors and PUT /monitors/{monitorID}.
struct MonitorInput: Content {
    var name: String
    var kind: MonitorKind
    var target: String
    var systemID: UUID?
    var intervalSeconds: Int?
    var timeoutSeconds: Double?
    var retries: Int?
    var enabled: Bool?
    var isPublic: Bool?
    var settings: MonitorSettings?
}

extension MonitorInput: LimitedInput {
    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("name", name, MonitorDraft.nameLength.upperBound)
        check.text("target", target, TextLimit.url)
        check.text("expectedStatus", settings?.expectedStatus, TextLimit.line)
        check.text("keyword", settings?.keyword, MonitorDraft.maxKeywordLength)
        check.text("method", settings?.method, TextLimit.code)
        check.texts("dnsExpected", settings?.dnsExpected, MonitorDraft.maxDNSValueLength, maxEntries: MonitorDraft.maxDNSExpected)
        check.text("dnsServer", settings?.dnsServer, TextLimit.host + 8)
    }
}

/// A check result as the API shows it.
struct CheckResultDTO: Content, Equatable {
    var at: Date
    var outcome: ProbeOutcome
    var latencyMs: Int?
    var message: String?
}

/// Uptime and latency figures of one monitor.
struct MonitorStatsDTO: Content, Equatable {
    var monitorID: UUID
    var uptime24h: Double?
    var uptime30d: Double?
    var latencyP50Ms24h: Double?
    var latencyP95Ms24h: Double?
    var latencyP99Ms24h: Double?
    var latencyP50Ms30d: Double?
    var latencyP99Ms30d: Double?
    var checks24h: Int
    var days: [DailyUptimeDTO]
    var outages: [OutageDTO]
}

struct DailyUptimeDTO: Content, Equatable {
    var day: String
    var uptimePercent: Double?
}

/// A downtime episode.
struct OutageDTO: Content, Equatable {
    var id: UUID
    var startedAt: Date
    var endedAt: Date?
    var durationSeconds: Int?
    var cause: String
    var inMaintenance: Bool
}

/// An alert as the API shows it.
struct AlertDTO: Content, Equatable {
    var id: UUID
    var monitorID: UUID
    var monitorName: String?
    var unitID: UUID
    var event: MonitorState
    var previousState: MonitorState
    var message: String
    var raisedAt: Date
    var stage: AlertStage
    var nextEscalationAt: Date?
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var resolvedAt: Date?
    var deliveries: [AlertDeliveryDTO]?
}

struct AlertDeliveryDTO: Content, Equatable {
    var channel: String
    var recipient: String
    var recipientName: String
    var stage: AlertStage
    var status: String
    var attempts: Int
    var sentAt: Date?
    var lastError: String?
}

/// Body of POST /units/{unitID}/maintenance-windows.
struct MaintenanceInput: Content, LimitedInput {
    var monitorID: UUID?
    var startsAt: Date
    var endsAt: Date
    var reason: String
    func checkLimits(_ check: inout TextLimitCheck) { check.text("reason", reason, MaintenanceWindow.reasonLength.upperBound) }
}

struct MaintenanceDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var monitorID: UUID?
    var startsAt: Date
    var endsAt: Date
    var reason: String
}

/// Body of POST /units/{unitID}/webhooks.
struct WebhookInput: Content, LimitedInput {
    var name: String
    var url: String
    var includeSubunits: Bool?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("name", name, TextLimit.name)
        check.text("url", url, TextLimit.url)
    }
}

/// A webhook; `secret` is only in the reply that creates it.
struct WebhookDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var name: String
    var url: String
    var includeSubunits: Bool
    var enabled: Bool
    var secret: String?
}

/// Body of PUT /units/{unitID}/status-page.
struct StatusPageInput: Content, LimitedInput {
    var isPublic: Bool
    func checkLimits(_ check: inout TextLimitCheck) {}
}

/// Body of PUT /escalation.
struct EscalationInput: Content, LimitedInput {
    var delayMinutes: Int
    func checkLimits(_ check: inout TextLimitCheck) {}
}

extension Monitor {
    func dto() -> MonitorDTO {
        MonitorDTO(id: id!, unitID: $unit.id, systemID: $system.id, name: name, kind: kind, target: target,
                   settings: settings, intervalSeconds: intervalSeconds, timeoutSeconds: Double(timeoutMs) / 1000,
                   retries: retries, enabled: enabled, isPublic: isPublic, state: state, stateSince: stateSince,
                   lastCheckedAt: lastCheckedAt, lastOutcome: lastOutcome, lastLatencyMs: lastLatencyMs,
                   lastConnectMs: lastConnectMs,
                   lastMessage: lastMessage, certificateExpiresAt: certExpiresAt, nextDueAt: nextDueAt)
    }
}

extension MonitorOutage {
    func dto() -> OutageDTO {
        OutageDTO(id: id!, startedAt: startedAt, endedAt: endedAt,
                  durationSeconds: endedAt.map { Int($0.timeIntervalSince(startedAt)) }, cause: cause, inMaintenance: inMaintenance)
    }
}

extension MonitorAlert {
    func dto(monitorName: String? = nil, deliveries: [AlertDelivery]? = nil) -> AlertDTO {
        AlertDTO(id: id!, monitorID: $monitor.id, monitorName: monitorName, unitID: unitID, event: event,
                 previousState: previousState, message: message, raisedAt: raisedAt, stage: stage,
                 nextEscalationAt: nextEscalationAt, acknowledgedAt: acknowledgedAt, acknowledgedBy: acknowledgedBy,
                 resolvedAt: resolvedAt, deliveries: deliveries?.map { $0.dto() })
    }
}

extension AlertDelivery {
    func dto() -> AlertDeliveryDTO {
        AlertDeliveryDTO(channel: channel.rawValue, recipient: recipient, recipientName: recipientName, stage: stage,
                         status: status.rawValue, attempts: attempts, sentAt: sentAt, lastError: lastError)
    }
}

extension MaintenanceWindowRecord {
    func dto() -> MaintenanceDTO {
        MaintenanceDTO(id: id!, unitID: unitID, monitorID: monitorID, startsAt: startsAt, endsAt: endsAt, reason: reason)
    }
}

extension Webhook {
    func dto(showingSecret: Bool = false) -> WebhookDTO {
        WebhookDTO(id: id!, unitID: $unit.id, name: name, url: url, includeSubunits: includeSubunits, enabled: enabled,
                   secret: showingSecret ? secret : nil)
    }
}
