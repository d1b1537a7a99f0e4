import Fluent

/// Units may publish a public status page of their monitors (off by default).
struct UpdateUnitAddStatusPage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema).field("status_page_public", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema).deleteField("status_page_public").update()
    }
}
