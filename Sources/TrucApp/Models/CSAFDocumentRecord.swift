import Fluent
import Foundation

/// One CSAF 2.0 document as imported (the JSON text itself), with where it came from and its signature state.
final class CSAFDocumentRecord: Model, @unchecked Sendable {
    static let schema = "csaf_documents"

    /// Documents larger than this are refused (CSAF documents are usually a few hundred KB).
    static let maxSize = 4 << 20

    @ID(key: .id) var id: UUID?
    @Field(key: "tracking_id") var trackingID: String
    @Field(key: "publisher") var publisher: String
    @Field(key: "title") var title: String
    /// Hex SHA-256 of `content`.
    @Field(key: "sha256") var sha256: String
    /// The document's JSON text.
    @Field(key: "content") var content: String
    @Field(key: "size") var size: Int
    @OptionalField(key: "source_url") var sourceURL: String?
    /// `CSAFOrigin.Signature` raw value: verified, unchecked or none.
    @Field(key: "signature") var signature: String
    @Field(key: "imported_at") var importedAt: Date

    init() {}
}
