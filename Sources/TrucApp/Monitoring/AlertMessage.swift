import Foundation
import TrucCore

/// The words of an alert: e-mail subject and body (Vietnamese first, then English) and the webhook JSON.
struct AlertMessage: Sendable {
    var alertID: UUID
    var monitorID: UUID
    var monitorName: String
    var kind: MonitorKind
    var target: String
    var unitID: UUID
    var unitCode: String
    var unitName: String
    var event: MonitorState
    var previousState: MonitorState
    var message: String
    var raisedAt: Date
    var stage: AlertStage
    var publicURL: String
    var timeZone: TimeZone

    init(alert: MonitorAlert, monitor: Monitor, unit: OrgUnit, stage: AlertStage, publicURL: String, timeZone: TimeZone) {
        alertID = alert.id!
        monitorID = monitor.id!
        monitorName = monitor.name
        kind = monitor.kind
        target = monitor.target
        unitID = unit.id!
        unitCode = unit.code
        unitName = unit.name
        event = alert.event
        previousState = alert.previousState
        message = alert.message
        raisedAt = alert.raisedAt
        self.stage = stage
        self.publicURL = publicURL
        self.timeZone = timeZone
    }

    var eventType: String { "monitor.\(event.rawValue)" }

    var headline: (vi: String, en: String) {
        switch event {
        case .down: ("MẤT KẾT NỐI", "DOWN")
        case .degraded: ("CHẬM/SUY GIẢM", "DEGRADED")
        case .up: ("ĐÃ KHÔI PHỤC", "RECOVERED")
        case .pending: ("CHƯA RÕ", "PENDING")
        }
    }

    /// "[Trực ATTT] MẤT KẾT NỐI: Cổng thông tin (SYT) / DOWN"; escalated alerts say so first.
    var subject: String {
        let escalated = stage == .onDuty || event == .up ? "" : "[Chuyển cấp / Escalated] "
        return "[Trực ATTT] \(escalated)\(headline.vi): \(monitorName) (\(unitCode)) / \(headline.en)"
    }

    func textBody(ackURL: String?) -> String {
        let at = VNDateFormat.format(raisedAt, timeZone: timeZone)
        var lines = [
            "\(headline.vi): \(monitorName)",
            "Đơn vị: \(unitName) (\(unitCode))",
            "Kiểm tra: \(kind.vietnamese) \(target)",
            "Trạng thái: \(event.vietnamese) (trước đó: \(previousState.vietnamese)) lúc \(at)",
            "Chi tiết: \(message)",
        ]
        if stage != .onDuty && event != .up {
            lines.append("Cảnh báo được chuyển cấp (\(stage.vietnamese)) vì chưa ai xác nhận.")
        }
        if let ackURL, event != .up {
            lines.append("Xác nhận đã nhận (dừng chuyển cấp): \(ackURL)")
        }
        lines.append("Xem giám sát: \(publicURL)/monitors/\(monitorID.uuidString.lowercased())")
        lines += [
            "",
            "-- English --",
            "\(headline.en): \(monitorName)",
            "Unit: \(unitName) (\(unitCode))",
            "Check: \(kind.english) \(target)",
            "State: \(event.english) (was \(previousState.english)) at \(at)",
            "Details: \(message)",
        ]
        if stage != .onDuty && event != .up {
            lines.append("Escalated (\(stage.english)) because nobody acknowledged it.")
        }
        if let ackURL, event != .up {
            lines.append("Acknowledge (stops escalation): \(ackURL)")
        }
        lines.append("Monitor: \(publicURL)/monitors/\(monitorID.uuidString.lowercased())")
        return lines.joined(separator: "\n")
    }

    struct WebhookPayload: Encodable {
        struct MonitorRef: Encodable {
            var id: UUID
            var name: String
            var kind: MonitorKind
            var target: String
            var url: String
        }
        struct UnitRef: Encodable {
            var id: UUID
            var code: String
            var name: String
        }
        var alertID: UUID
        var event: String
        var state: MonitorState
        var previousState: MonitorState
        var message: String
        var raisedAt: Date
        var stage: AlertStage
        var monitor: MonitorRef
        var unit: UnitRef
    }

    func webhookBody() -> [UInt8] {
        let payload = WebhookPayload(
            alertID: alertID, event: eventType, state: event, previousState: previousState, message: message,
            raisedAt: raisedAt, stage: stage,
            monitor: .init(id: monitorID, name: monitorName, kind: kind, target: target,
                           url: "\(publicURL)/monitors/\(monitorID.uuidString.lowercased())"),
            unit: .init(id: unitID, code: unitCode, name: unitName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array((try? encoder.encode(payload)) ?? Data("{}".utf8))
    }
}
