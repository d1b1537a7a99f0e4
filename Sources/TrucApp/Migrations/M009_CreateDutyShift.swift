import Fluent
import SQLKit

struct CreateDutyShift: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DutyShift.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("campaign_id", .uuid, .references(Campaign.schema, .id, onDelete: .setNull))
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("role", .string, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "duty_shifts_unit_time_idx").on(DutyShift.schema)
                .column("unit_id").column("starts_at").column("ends_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DutyShift.schema).delete()
    }
}
