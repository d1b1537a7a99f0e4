import Fluent
import SQLKit

/// The outbound allow-list (issue 11): ranges and names the coordinator allows monitors and webhooks to reach.
struct CreateOutboundAllowEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboundAllowRecord.schema)
            .id()
            .field("unit_id", .uuid, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "outbound_allow_entries_unit").on(OutboundAllowRecord.schema).column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboundAllowRecord.schema).delete()
    }
}
