import Crypto
import Fluent
import Foundation
import Logging
import SQLKit
import TrucCore
import TrucNet

/// Sends pending alert deliveries. Each delivery is claimed by one instance (a lease taken with
/// `FOR UPDATE SKIP LOCKED` on PostgreSQL) and marked sent by that instance only, so an alert is not sent twice
/// by two instances. Failures are retried with backoff (`RetryBackoff`) unless permanent (a 5xx SMTP reply, a 4xx
/// webhook answer).
struct AlertDispatcher: Sendable {
    var owner: String
    var transport: any AlertTransport
    var publicURL: String
    var timeZone: TimeZone
    var backoff = RetryBackoff()
    var leaseSeconds: TimeInterval = 120
    var logger = Logger(label: "truc.alerts")

    typealias Report = DeliveryReport

    /// Claims and sends every delivery due at `now` (up to `limit`).
    @discardableResult
    func deliverDue(now: Date = Date(), limit: Int = 100, on db: any Database) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { return Report() }
        let queue = DeliveryQueue(table: AlertDelivery.schema, owner: owner, leaseSeconds: leaseSeconds, backoff: backoff)
        let ids = try await queue.claim(now: now, limit: limit, on: sql)
        guard !ids.isEmpty else { return Report() }
        let deliveries = try await AlertDelivery.query(on: db).filter(\.$id ~~ ids).with(\.$alert).all()
        let secret = try await AckLinks.secret(on: db)
        var report = Report()
        for (index, delivery) in deliveries.enumerated() {
            // Stopping: what was not sent goes back to the queue for the next instance, uncounted.
            if Task.isCancelled {
                try await queue.release(deliveries[index...].compactMap(\.id), on: sql)
                report.released += deliveries.count - index
                break
            }
            // The batch may have taken long (slow servers): send only while the lease is still ours.
            guard try await queue.renew(delivery.id!, now: max(now, Date()), on: sql) else { continue }
            let outcome = await send(delivery, ackSecret: secret, now: now, on: db)
            if Task.isCancelled, outcome.errorMessage != nil {
                // Cut short by the stop, not a failure of the recipient.
                try await queue.release([delivery.id!], on: sql)
                report.released += 1
                continue
            }
            if let message = outcome.errorMessage {
                logger.warning("alert delivery \(delivery.id!) (\(delivery.channel.rawValue)) failed: \(message)")
            }
            try await queue.finish(delivery.id!, attempts: delivery.attempts, outcome: outcome, now: now, on: sql, report: &report)
        }
        return report
    }

    private func send(_ delivery: AlertDelivery, ackSecret: SymmetricKey, now: Date, on db: any Database) async -> DeliveryOutcome {
        let alert = delivery.alert
        let monitor: Monitor?, unit: OrgUnit?, hook: Webhook?
        do {
            monitor = try await Monitor.find(alert.$monitor.id, on: db)
            unit = try await OrgUnit.find(alert.unitID, on: db)
            if delivery.channel == .webhook, let hookID = UUID(uuidString: delivery.recipient) {
                hook = try await Webhook.find(hookID, on: db)
            } else {
                hook = nil
            }
        } catch {
            return .failure(String(describing: error), retryable: true)
        }
        guard let monitor, let unit else { return .failure("the monitor was deleted", retryable: false) }
        let content = AlertMessage(alert: alert, monitor: monitor, unit: unit, stage: delivery.stage,
                                   publicURL: publicURL, timeZone: timeZone)
        switch delivery.channel {
        case .email:
            let token = AckLinks.token(for: delivery.id!, secret: ackSecret)
            let ackURL = "\(publicURL)/ack/\(delivery.id!.uuidString.lowercased()).\(token)"
            let to = MailAddress(name: delivery.recipientName, address: delivery.recipient)
            let mail = MailMessage(from: transport.mailFrom, to: [to], subject: content.subject,
                                   textBody: content.textBody(ackURL: ackURL), htmlBody: nil,
                                   headers: [("X-Truc-Alert", alert.id!.uuidString)], date: now,
                                   messageID: "<\(delivery.id!.uuidString.lowercased())@truc-attt>")
            return await DeliveryOutcome.attempt { try await transport.sendMail(mail) }
        case .webhook:
            guard let hook, hook.enabled, let url = URL(string: hook.url)
            else { return .failure("the webhook was deleted or disabled", retryable: false) }
            let result = await transport.postWebhook(url: url, body: content.webhookBody(), secret: hook.secret,
                                                     eventID: delivery.id!.uuidString.lowercased(),
                                                     eventType: content.eventType, unitID: hook.$unit.id)
            return result.success ? .success : .failure(result.message, retryable: result.retryable)
        }
    }
}
