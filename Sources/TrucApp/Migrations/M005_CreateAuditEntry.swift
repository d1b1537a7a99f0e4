import Fluent
import SQLKit

struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("unit_id", .uuid)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string)
            .field("before", .string)
            .field("after", .string)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_entries_at_idx").on(AuditEntry.schema).column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
