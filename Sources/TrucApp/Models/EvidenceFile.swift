import Fluent
import Foundation

/// An uploaded evidence file, stored in the database (so every app instance can serve it), with its SHA-256.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "filename") var filename: String
    /// The type the uploader declared; never used to serve the file.
    @Field(key: "declared_type") var declaredType: String
    @Field(key: "size") var size: Int
    /// Lower-case hex SHA-256 of the content.
    @Field(key: "sha256") var sha256: String
    @Field(key: "content") var content: Data
    @Parent(key: "uploaded_by") var uploader: Person
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, filename: String, declaredType: String, content: Data,
         sha256: String, uploaderID: UUID) {
        self.id = id
        self.$unit.id = unitID
        self.filename = filename
        self.declaredType = declaredType
        self.size = content.count
        self.sha256 = sha256
        self.content = content
        self.$uploader.id = uploaderID
    }
}
