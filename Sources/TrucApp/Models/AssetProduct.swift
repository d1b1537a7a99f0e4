import Fluent
import Foundation

/// One (vendor, product) an asset's CPE names carry, so that a changed CVE finds the assets it may concern.
final class AssetProduct: Model, @unchecked Sendable {
    static let schema = "asset_products"

    @ID(key: .id) var id: UUID?
    @Parent(key: "asset_id") var asset: Asset
    @Field(key: "vendor") var vendor: String
    @Field(key: "product") var product: String

    init() {}

    init(assetID: UUID, vendor: String, product: String) {
        self.id = UUID()
        self.$asset.id = assetID
        self.vendor = vendor
        self.product = product
    }
}
