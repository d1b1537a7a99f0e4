import Fluent

struct CreateCampaign: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Campaign.schema)
            .id()
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("time_zone", .string, .required)
            .field("directive", .string, .required)
            .field("documents", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(ChecklistItem.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(Campaign.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("detail", .string, .required)
            .field("target_kinds", .string, .required)
            .field("due_at", .datetime)
            .create()
        try await database.schema(CampaignAcknowledgement.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(Campaign.schema, .id, onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .restrict))
            .field("at", .datetime, .required)
            .unique(on: "campaign_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CampaignAcknowledgement.schema).delete()
        try await database.schema(ChecklistItem.schema).delete()
        try await database.schema(Campaign.schema).delete()
    }
}
