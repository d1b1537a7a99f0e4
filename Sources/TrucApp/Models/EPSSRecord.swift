import Fluent
import Foundation

/// The EPSS score of one CVE from FIRST's daily file (kept for CVEs not yet in the knowledge base too, so that a
/// CVE imported later has its score at once). Written in bulk by `FeedImporter.importEPSS`.
final class EPSSRecord: Model, @unchecked Sendable {
    static let schema = "epss_scores"

    @ID(custom: "cve_id", generatedBy: .user) var id: String?
    /// The probability of exploitation in the next 30 days, 0…1.
    @Field(key: "score") var score: Double
    /// The share of scored CVEs with a lower or equal score, 0…1.
    @Field(key: "percentile") var percentile: Double
    /// The day the score is for, "yyyy-MM-dd".
    @Field(key: "score_date") var scoreDate: String
    @OptionalField(key: "model_version") var modelVersion: String?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}
}
