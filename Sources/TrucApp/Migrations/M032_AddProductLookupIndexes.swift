import Fluent
import SQLKit

/// Indexes led by `product` on the (vendor, product) rows of CVEs and assets: matching looks both up by product
/// (`MatchingService.cves(naming:)` when an asset changes, `assets(naming:)` when CVEs change, `cvesInScope` for a
/// full rematch), which the (vendor, product) indexes cannot serve — each lookup read all 700,000 rows of a full NVD.
struct AddProductLookupIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "vulnerability_products_product_idx").on(VulnerabilityProduct.schema)
            .column("product").column("vendor").run()
        try await sql.create(index: "asset_products_product_idx").on(AssetProduct.schema).column("product").column("vendor").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "vulnerability_products_product_idx").run()
        try await sql.drop(index: "asset_products_product_idx").run()
    }
}
