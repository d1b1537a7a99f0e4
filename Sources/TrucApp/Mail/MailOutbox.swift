import Fluent
import Foundation
import SQLKit

/// Adds e-mails to the outbox (`OutboxMail`), inside the caller's transaction. A message already there (same
/// dedupe key and recipient) is not added again.
enum MailOutbox {
    static func enqueue(_ mails: [OutboxMail], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for mail in mails {
            try await sql.insert(into: OutboxMail.schema)
                .columns("id", "unit_id", "incident_id", "purpose", "dedupe_key", "recipient", "recipient_name", "reply_to",
                         "subject", "body", "status", "attempts", "next_attempt_at", "created_by", "created_at")
                .values(SQLBind(mail.id ?? UUID()), SQLBind(mail.unitID), SQLBind(mail.incidentID), SQLBind(mail.purpose.rawValue),
                        SQLBind(mail.dedupeKey), SQLBind(mail.recipient), SQLBind(mail.recipientName), SQLBind(mail.replyTo),
                        SQLBind(mail.subject), SQLBind(mail.body), SQLBind(DeliveryStatus.pending.rawValue), SQLBind(0),
                        SQLBind(mail.nextAttemptAt), SQLBind(mail.createdBy), SQLBind(mail.createdAt))
                .ignoringConflicts(with: ["dedupe_key", "recipient"])
                .run()
        }
    }
}
