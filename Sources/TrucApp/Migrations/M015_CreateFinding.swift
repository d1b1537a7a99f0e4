import Fluent
import SQLKit

struct CreateFinding: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Finding.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("asset_id", .uuid, .required, .references(Asset.schema, .id, onDelete: .cascade))
            .field("system_id", .uuid, .references(InformationSystem.schema, .id, onDelete: .setNull))
            .field("cve_id", .string, .required, .references(Vulnerability.schema, "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("certain", .bool, .required)
            .field("still_matches", .bool, .required)
            .field("severity", .string)
            .field("cvss_score", .double)
            .field("kev", .bool, .required)
            .field("kev_due_date", .string)
            .field("matched_cpe", .string, .required)
            .field("criterion", .string, .required)
            .field("first_seen", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .field("due_at", .datetime)
            .field("resolved_at", .datetime)
            .field("accepted_until", .datetime)
            .field("status_note", .string)
            .field("status_changed_at", .datetime)
            .field("status_changed_by", .string)
            .unique(on: "asset_id", "cve_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "findings_unit_status_idx").on(Finding.schema).column("unit_id").column("status").run()
            try await sql.create(index: "findings_cve_idx").on(Finding.schema).column("cve_id").run()
            try await sql.create(index: "findings_due_idx").on(Finding.schema).column("status").column("due_at").run()
        }
        try await database.schema(AppSetting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AppSetting.schema).delete()
        try await database.schema(Finding.schema).delete()
    }
}
