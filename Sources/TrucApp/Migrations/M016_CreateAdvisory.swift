import Fluent
import SQLKit

struct CreateAdvisory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Advisory.schema)
            .id()
            .field("reference", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("cves", .string, .required)
            .field("cpe_patterns", .string, .required)
            .field("required_action", .string, .required)
            .field("deadline", .datetime)
            .field("tlp", .string, .required)
            .field("published_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(AdvisoryUnit.schema)
            .id()
            .field("advisory_id", .uuid, .required, .references(Advisory.schema, .id, onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("matched_assets", .int, .required)
            .field("asset_names", .string, .required)
            .field("state", .string, .required)
            .field("notified_at", .datetime)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .field("remediated_at", .datetime)
            .field("note", .string)
            .field("updated_at", .datetime)
            .unique(on: "advisory_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdvisoryUnit.schema).delete()
        try await database.schema(Advisory.schema).delete()
    }
}
