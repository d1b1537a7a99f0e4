import Fluent
import Foundation
import TrucCore
import Vapor

/// Acknowledging alerts, from the page, the API or the link in an e-mail; every acknowledgement is audited.
enum MonitorAlertService {
    static func acknowledge(_ alert: MonitorAlert, principal: Principal, on db: any Database, at: Date = Date()) async throws {
        guard alert.needsAcknowledgement else {
            throw BilingualError(.conflict, "Cảnh báo này đã được xác nhận hoặc đã kết thúc.", "This alert is already acknowledged or over.")
        }
        try await db.transaction { tx in
            try await AlertRouter.acknowledge(alert, by: "\(principal.fullName) <\(principal.email)>", at: at, on: tx)
            try await Audit.record("alert.acknowledge", entity: "alert", id: alert.id?.uuidString, unitID: alert.unitID,
                                   after: alert.dto(), by: principal, on: tx, at: at)
        }
    }

    /// Acknowledgement through the link of an e-mail: recorded in the name of the delivery's recipient.
    static func acknowledge(_ alert: MonitorAlert, viaLinkOf delivery: AlertDelivery, on db: any Database, at: Date = Date()) async throws -> Bool {
        guard alert.needsAcknowledgement else { return false }
        try await db.transaction { tx in
            try await AlertRouter.acknowledge(alert, by: "\(delivery.recipientName) <\(delivery.recipient)> (e-mail link)", at: at, on: tx)
            try await Audit.record("alert.acknowledge", entity: "alert", id: alert.id?.uuidString, unitID: alert.unitID,
                                   after: alert.dto(), by: nil, on: tx, at: at)
        }
        return true
    }
}
