import Fluent
import SQLKit

/// FIRST EPSS scores by CVE (`epss_scores`, also for CVEs not yet in the knowledge base), and the score copied onto
/// findings (`findings.epss_score`) for the priority sort (KEV, then EPSS, then CVSS) and the SLA priority rule.
struct CreateEPSSScore: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EPSSRecord.schema)
            .field("cve_id", .string, .identifier(auto: false))
            .field("score", .double, .required)
            .field("percentile", .double, .required)
            .field("score_date", .string, .required)
            .field("model_version", .string)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(Finding.schema).field("epss_score", .double).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "findings_priority_idx").on(Finding.schema)
            .column("kev").column("epss_score").column("cvss_score").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "findings_priority_idx").run()
        }
        try await database.schema(Finding.schema).deleteField("epss_score").update()
        try await database.schema(EPSSRecord.schema).delete()
    }
}
