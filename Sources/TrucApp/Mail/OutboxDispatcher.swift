import Fluent
import Foundation
import Logging
import SQLKit
import TrucCore

/// Sends the mails of the outbox that are due, through the same SMTP transport as the alerts. Rows are claimed
/// with leases (`DeliveryQueue`), so several app instances never send a mail twice; failures are retried with
/// backoff unless permanent.
struct OutboxDispatcher: Sendable {
    var owner: String
    var transport: any AlertTransport
    var backoff = RetryBackoff()
    var leaseSeconds: TimeInterval = 120
    var logger = Logger(label: "truc.outbox")

    @discardableResult
    func deliverDue(now: Date = Date(), limit: Int = 100, on db: any Database) async throws -> DeliveryReport {
        guard let sql = db as? any SQLDatabase else { return DeliveryReport() }
        let queue = DeliveryQueue(table: OutboxMail.schema, owner: owner, leaseSeconds: leaseSeconds, backoff: backoff)
        let ids = try await queue.claim(now: now, limit: limit, on: sql)
        guard !ids.isEmpty else { return DeliveryReport() }
        var report = DeliveryReport()
        let mails = try await OutboxMail.query(on: db).filter(\.$id ~~ ids).all()
        for (index, mail) in mails.enumerated() {
            // Stopping: what was not sent goes back to the queue for the next instance, uncounted.
            if Task.isCancelled {
                try await queue.release(mails[index...].compactMap(\.id), on: sql)
                report.released += mails.count - index
                break
            }
            var headers: [(String, String)] = [("X-Truc-Purpose", mail.purpose.rawValue)]
            if let replyTo = mail.replyTo { headers.append(("Reply-To", replyTo)) }
            let message = MailMessage(from: transport.mailFrom, to: [MailAddress(name: mail.recipientName, address: mail.recipient)],
                                      subject: mail.subject, textBody: mail.body, htmlBody: nil, headers: headers, date: now,
                                      messageID: "<\(mail.id!.uuidString.lowercased())@truc-attt>")
            // The batch may have taken long (slow servers): send only while the lease is still ours.
            guard try await queue.renew(mail.id!, now: max(now, Date()), on: sql) else { continue }
            let outcome = await DeliveryOutcome.attempt { try await transport.sendMail(message) }
            if Task.isCancelled, outcome.errorMessage != nil {
                try await queue.release([mail.id!], on: sql)
                report.released += 1
                continue
            }
            if let error = outcome.errorMessage { logger.warning("outbox mail \(mail.id!) (\(mail.purpose.rawValue)) failed: \(error)") }
            try await queue.finish(mail.id!, attempts: mail.attempts, outcome: outcome, now: now, on: sql, report: &report)
        }
        return report
    }
}
