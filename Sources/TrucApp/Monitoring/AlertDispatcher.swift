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

    struct Report: Sendable, Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
    }

    /// Claims and sends every delivery due at `now` (up to `limit`).
    @discardableResult
    func deliverDue(now: Date = Date(), limit: Int = 100, on db: any Database) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { return Report() }
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw("""
            UPDATE alert_deliveries SET status = \(bind: AlertDelivery.Status.sending.rawValue), lease_owner = \(bind: owner),
              lease_until = \(bind: now.addingTimeInterval(leaseSeconds)), attempts = attempts + 1
            WHERE id IN (SELECT id FROM alert_deliveries
                         WHERE (status = \(bind: AlertDelivery.Status.pending.rawValue) AND next_attempt_at <= \(bind: now))
                            OR (status = \(bind: AlertDelivery.Status.sending.rawValue) AND lease_until < \(bind: now))
                         ORDER BY next_attempt_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
            RETURNING id
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return Report() }
        let deliveries = try await AlertDelivery.query(on: db).filter(\.$id ~~ ids).with(\.$alert).all()
        let secret = try await AckLinks.secret(on: db)
        var report = Report()
        for delivery in deliveries {
            let outcome = await send(delivery, ackSecret: secret, now: now, on: db)
            let status: AlertDelivery.Status
            var nextAttempt = now
            switch outcome {
            case .success:
                status = .sent
                report.sent += 1
            case .failure(let message, let retryable):
                if retryable, let delay = backoff.delay(afterAttempt: delivery.attempts) {
                    status = .pending
                    nextAttempt = now.addingTimeInterval(delay)
                    report.retrying += 1
                } else {
                    status = .failed
                    report.failed += 1
                }
                logger.warning("alert delivery \(delivery.id!) (\(delivery.channel.rawValue)) failed: \(message)")
            }
            let error: String? = if case .failure(let message, _) = outcome { String(message.prefix(500)) } else { nil }
            try await sql.raw("""
                UPDATE alert_deliveries SET status = \(bind: status.rawValue), next_attempt_at = \(bind: nextAttempt),
                  last_error = \(bind: error), sent_at = \(bind: status == .sent ? now : nil), lease_owner = NULL, lease_until = NULL
                WHERE id = \(bind: delivery.id!) AND lease_owner = \(bind: owner)
                """).run()
        }
        return report
    }

    enum Outcome {
        case success
        case failure(String, retryable: Bool)
    }

    private func send(_ delivery: AlertDelivery, ackSecret: SymmetricKey, now: Date, on db: any Database) async -> Outcome {
        do {
            let alert = delivery.alert
            guard let monitor = try await Monitor.find(alert.$monitor.id, on: db),
                  let unit = try await OrgUnit.find(alert.unitID, on: db)
            else { return .failure("the monitor was deleted", retryable: false) }
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
                try await transport.sendMail(mail)
                return .success
            case .webhook:
                guard let hookID = UUID(uuidString: delivery.recipient), let hook = try await Webhook.find(hookID, on: db), hook.enabled,
                      let url = URL(string: hook.url)
                else { return .failure("the webhook was deleted or disabled", retryable: false) }
                let result = await transport.postWebhook(url: url, body: content.webhookBody(), secret: hook.secret,
                                                         eventID: delivery.id!.uuidString.lowercased(),
                                                         eventType: content.eventType)
                return result.success ? .success : .failure(result.message, retryable: result.retryable)
            }
        } catch let error as SMTPError {
            return .failure(error.description, retryable: !error.isPermanent)
        } catch let error as AlertTransportError {
            return .failure(error.description, retryable: false)
        } catch {
            return .failure(String(describing: error), retryable: true)
        }
    }
}
