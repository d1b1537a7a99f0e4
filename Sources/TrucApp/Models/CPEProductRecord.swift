import Fluent
import Foundation

/// A product of the NVD CPE dictionary (part, vendor, product, title), used to propose CPE names for assets.
final class CPEProductRecord: Model, @unchecked Sendable {
    static let schema = "cpe_products"

    @ID(key: .id) var id: UUID?
    @Field(key: "part") var part: String
    @Field(key: "vendor") var vendor: String
    @Field(key: "product") var product: String
    @Field(key: "title") var title: String
    @Field(key: "version_count") var versionCount: Int

    init() {}
}
