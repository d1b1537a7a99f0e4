import Fluent
import SQLKit

struct CreateInformationSystem: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InformationSystem.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("purpose", .string)
            .field("security_level", .int, .required)
            .field("owner", .string)
            .field("domains", .string, .required)
            .field("public_ips", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unit_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InformationSystem.schema).delete()
    }
}
