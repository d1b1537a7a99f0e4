import Fluent

struct CreateItemReport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EvidenceFile.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("filename", .string, .required)
            .field("declared_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .uuid, .required, .references(Person.schema, .id, onDelete: .restrict))
            .field("created_at", .datetime)
            .create()
        try await database.schema(ItemReport.schema)
            .id()
            .field("item_id", .uuid, .required, .references(ChecklistItem.schema, .id, onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("evidence_id", .uuid, .references(EvidenceFile.schema, .id, onDelete: .setNull))
            .field("reported_by", .uuid, .required, .references(Person.schema, .id, onDelete: .restrict))
            .field("reported_at", .datetime, .required)
            .unique(on: "item_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ItemReport.schema).delete()
        try await database.schema(EvidenceFile.schema).delete()
    }
}
