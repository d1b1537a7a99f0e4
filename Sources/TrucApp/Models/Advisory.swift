import Fluent
import Foundation
import TrucCore

/// A security advisory (cảnh báo) the coordinator publishes to the units whose assets it concerns.
final class Advisory: Model, @unchecked Sendable {
    static let schema = "advisories"

    @ID(key: .id) var id: UUID?
    /// Human reference, e.g. "CB-2026-0007".
    @Field(key: "reference") var reference: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// Newline-separated CVE ids.
    @Field(key: "cves") var cvesText: String
    /// Newline-separated CPE 2.3 names (patterns: ANY and wildcards allowed).
    @Field(key: "cpe_patterns") var cpePatternsText: String
    @Field(key: "required_action") var requiredAction: String
    @OptionalField(key: "deadline") var deadline: Date?
    @Field(key: "tlp") var tlp: TLP
    /// Nil while a draft.
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Children(for: \.$advisory) var units: [AdvisoryUnit]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var cves: [String] {
        get { cvesText.split(separator: "\n").map(String.init) }
        set { cvesText = newValue.joined(separator: "\n") }
    }

    var cpePatterns: [String] {
        get { cpePatternsText.split(separator: "\n").map(String.init) }
        set { cpePatternsText = newValue.joined(separator: "\n") }
    }
}
