import Fluent
import SQLKit

/// The outbox of e-mails that are not monitor alerts (support requests, reports to VNCERT/CC).
struct CreateOutboxMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMail.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("incident_id", .uuid, .references(Incident.schema, .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("reply_to", .string)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "dedupe_key", "recipient")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "outbox_mails_due").on(OutboxMail.schema).column("status").column("next_attempt_at").run()
        try await sql.create(index: "outbox_mails_incident").on(OutboxMail.schema).column("incident_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMail.schema).delete()
    }
}
