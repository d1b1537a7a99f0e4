import Fluent
import SQLKit

struct CreateAsset: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Asset.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("system_id", .uuid, .references(InformationSystem.schema, .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("vendor", .string)
            .field("product", .string)
            .field("version", .string)
            .field("hostname", .string)
            .field("ip_address", .string)
            .field("cpes", .string, .required)
            .field("source_key", .string)
            .field("notes", .string)
            .field("matched_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unit_id", "source_key")
            .create()
        // (vendor, product) of every asset CPE name: which assets a CVE can concern.
        try await database.schema(AssetProduct.schema)
            .id()
            .field("asset_id", .uuid, .required, .references(Asset.schema, .id, onDelete: .cascade))
            .field("vendor", .string, .required)
            .field("product", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "assets_unit_idx").on(Asset.schema).column("unit_id").column("name").run()
            try await sql.create(index: "assets_system_idx").on(Asset.schema).column("system_id").run()
            try await sql.create(index: "asset_products_key_idx").on(AssetProduct.schema).column("vendor").column("product").run()
            try await sql.create(index: "asset_products_asset_idx").on(AssetProduct.schema).column("asset_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssetProduct.schema).delete()
        try await database.schema(Asset.schema).delete()
    }
}
