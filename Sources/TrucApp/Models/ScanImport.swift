import Fluent
import Foundation
import TrucCore

/// One scanner report or SBOM imported into a unit: who, when, the file (kept as evidence, served as an
/// attachment) and what it changed.
final class ScanImport: Model, @unchecked Sendable {
    static let schema = "scan_imports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "format") var format: ScanFormat
    @OptionalField(key: "tool") var tool: String?
    @Field(key: "file_name") var fileName: String
    /// Lower-case hex SHA-256 of the file.
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int64
    @Field(key: "content") var content: Data
    @Field(key: "imported_at") var importedAt: Date
    /// "Name <email>" of the person, or "cli" for `truc import-scan`.
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "hosts") var hosts: Int
    @Field(key: "results") var results: Int
    @Field(key: "findings_new") var findingsNew: Int
    @Field(key: "findings_unchanged") var findingsUnchanged: Int
    @Field(key: "findings_closed") var findingsClosed: Int
    @Field(key: "findings_reopened") var findingsReopened: Int
    @Field(key: "assets_created") var assetsCreated: Int
    /// Newline-separated names of the hosts (or the artifact) the report covered, at most 200 kept.
    @Field(key: "covered") var covered: String

    init() {}
}
