import Fluent
import Foundation
import SQLKit
import TrucCore

extension FeedImporter {
    /// Rows written per statement (6 binds each, well under SQLite's and PostgreSQL's limits).
    static let epssRowsPerStatement = 500
    /// Rows collected before they are compared with the stored ones and written.
    static let epssBatch = 5000

    /// FIRST's daily EPSS file (`epss_scores-YYYY-MM-DD.csv`, gzip or plain), streamed: every score is upserted
    /// into `epss_scores` (also for CVEs not yet in the knowledge base), then findings get the new scores and, when
    /// the SLA priority rule is on, new deadlines. The whole file is applied in one transaction: a file that is cut
    /// or has no header stores nothing. Bad rows are skipped and counted, with their line numbers in `problems`.
    /// `name` names the source in the report (default: the file's name); the score date is the file's comment
    /// line's, else the date in the file's name, else today in `zone`.
    static func importEPSS(_ path: String, name: String? = nil, on db: any Database, zone: TimeZone,
                           progress: @escaping Progress = { _ in }) async throws -> FeedImportReport {
        let started = Date()
        let source = name ?? (path as NSString).lastPathComponent
        let fallbackDay = epssDay(inName: source) ?? epssDay(inName: (path as NSString).lastPathComponent)
            ?? LocalDay(started, in: zone)
        let initial = FeedImportReport(kind: "epss", source: source)
        var report = try await db.transaction { db -> FeedImportReport in
            var report = initial
            var reader = EPSSReader()
            var pending: [EPSSScore] = []
            func take(_ items: [EPSSReader.Item]) {
                for item in items {
                    report.records += 1
                    switch item {
                    case .score(let score):
                        pending.append(score)
                    case .skipped(let skipped):
                        report.skipped += 1
                        report.note("line \(skipped.line): \(skipped.reason)")
                    }
                }
            }
            func flush() async throws {
                guard !pending.isEmpty else { return }
                let outcome = try await upsertEPSS(pending, day: (reader.scoreDate ?? fallbackDay).description,
                                                   model: reader.modelVersion, now: started, on: db)
                report.created += outcome.created
                report.updated += outcome.updated
                report.unchanged += outcome.unchanged
                pending.removeAll(keepingCapacity: true)
                progress("EPSS \(source): \(report.records) CVE (\(report.created) new, \(report.updated) updated, \(report.skipped) skipped)")
            }
            do {
                try await FeedFile.read(path, process: { bytes in
                    take(try reader.feed(bytes))
                }, drain: {
                    if pending.count >= epssBatch { try await flush() }
                })
                take(try reader.finish())
            } catch let error as EPSSFileError {
                throw FeedFile.Failure(description: "\(path): \(error.english)")
            }
            try await flush()
            if let model = reader.modelVersion { report.note("model \(model), scores of \((reader.scoreDate ?? fallbackDay).description)") }
            let (findings, deadlines) = try await refreshFindingsEPSS(on: db, zone: zone)
            if findings > 0 { report.note("\(findings) finding(s) got a new EPSS score") }
            if deadlines > 0 { report.note("\(deadlines) finding(s) got a new deadline (SLA priority rule)") }
            return report
        }
        report.seconds = Date().timeIntervalSince(started)
        try await log(report, started: started, on: db)
        return report
    }

    struct EPSSOutcome {
        var created = 0
        var updated = 0
        var unchanged = 0
    }

    /// Compares a batch with the stored scores and writes the new and changed ones (a CVE twice in the batch: the
    /// last row wins).
    static func upsertEPSS(_ scores: [EPSSScore], day: String, model: String?, now: Date,
                           on db: any Database) async throws -> EPSSOutcome {
        var latest: [String: EPSSScore] = [:]
        var order: [String] = []
        for score in scores where latest.updateValue(score, forKey: score.cveID) == nil { order.append(score.cveID) }
        let sql = VulnerabilityStore.sql(db)
        var stored: [String: (Double, Double, String, String?)] = [:]
        for chunk in order.chunked(epssRowsPerStatement) {
            for row in try await sql.select().columns("cve_id", "score", "percentile", "score_date", "model_version")
                .from(EPSSRecord.schema).where("cve_id", .in, Array(chunk)).all() {
                stored[try row.decode(column: "cve_id", as: String.self)] = (
                    try row.decode(column: "score", as: Double.self), try row.decode(column: "percentile", as: Double.self),
                    try row.decode(column: "score_date", as: String.self), try row.decode(column: "model_version", as: String?.self))
            }
        }
        var outcome = EPSSOutcome()
        var rows: [[any SQLExpression]] = []
        for id in order {
            let score = latest[id]!
            if let old = stored[id] {
                if old.0 == score.score, old.1 == score.percentile, old.2 == day, old.3 == model {
                    outcome.unchanged += 1
                    continue
                }
                outcome.updated += 1
            } else {
                outcome.created += 1
            }
            rows.append([SQLBind(id), SQLBind(score.score), SQLBind(score.percentile), SQLBind(day), SQLBind(model), SQLBind(now)])
        }
        for chunk in rows.chunked(epssRowsPerStatement) {
            try await sql.insert(into: EPSSRecord.schema)
                .columns("cve_id", "score", "percentile", "score_date", "model_version", "updated_at")
                .rows(Array(chunk))
                .onConflict(with: ["cve_id"]) { update in
                    update.set(excludedValueOf: "score").set(excludedValueOf: "percentile")
                        .set(excludedValueOf: "score_date").set(excludedValueOf: "model_version")
                        .set(excludedValueOf: "updated_at")
                }
                .run()
        }
        return outcome
    }

    /// Copies the stored EPSS scores onto the findings whose copy differs (one UPDATE per 500 CVEs), then, when
    /// the SLA priority rule is on, recomputes those findings' deadlines. Returns (findings whose score changed,
    /// findings whose deadline or other copied facts changed).
    static func refreshFindingsEPSS(on db: any Database, zone: TimeZone) async throws -> (Int, Int) {
        let sql = VulnerabilityStore.sql(db)
        let rows = try await sql.raw("""
            SELECT findings.cve_id AS cve_id, COUNT(*) AS n FROM findings
            LEFT JOIN epss_scores ON epss_scores.cve_id = findings.cve_id
            WHERE (findings.epss_score IS NULL AND epss_scores.score IS NOT NULL)
               OR (findings.epss_score IS NOT NULL AND epss_scores.score IS NULL)
               OR findings.epss_score <> epss_scores.score
            GROUP BY findings.cve_id
            """).all()
        var cves: [String] = []
        var findings = 0
        for row in rows {
            cves.append(try row.decode(column: "cve_id", as: String.self))
            findings += try row.decode(column: "n", as: Int.self)
        }
        for chunk in cves.chunked(500) {
            try await sql.raw("""
                UPDATE findings SET epss_score = (SELECT epss_scores.score FROM epss_scores WHERE epss_scores.cve_id = findings.cve_id)
                WHERE cve_id IN (\(binds: Array(chunk)))
                """).run()
        }
        guard !cves.isEmpty, try await SLASettings.load(on: db).priorityRule.enabled else { return (findings, 0) }
        let deadlines = try await MatchingService.refreshFindings(cveIDs: Set(cves), on: db, zone: zone)
        return (findings, deadlines)
    }

    /// The date in FIRST's file name (`epss_scores-2025-03-17.csv.gz`).
    static func epssDay(inName name: String) -> LocalDay? {
        let characters = Array(name)
        guard characters.count >= 10 else { return nil }
        for start in 0...(characters.count - 10) {
            if let day = LocalDay(iso: String(characters[start..<start + 10])) { return day }
        }
        return nil
    }
}
