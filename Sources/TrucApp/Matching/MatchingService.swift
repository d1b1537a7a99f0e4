import Fluent
import Foundation
import SQLKit
import TrucCore

/// Keeps findings in step with the inventory and the knowledge base: after a feed import (only the CVEs that changed,
/// only the assets naming their products), after an inventory change (only those assets), or in full (`truc match`).
enum MatchingService {
    /// Above this many changed CVEs, a full rematch is cheaper than many targeted queries.
    static let incrementalLimit = 3000

    // MARK: - Entry points

    /// Every asset against every CVE (`only` given: against those CVEs, and only their findings may close).
    ///
    /// Only the CVEs that some asset name can match are loaded (`ProductScope`): after a first NVD load of 350,000
    /// records, an inventory naming a few hundred products needs a small part of them.
    static func matchAll(on db: any Database, now: Date = Date(), zone: TimeZone, only: Set<String>? = nil,
                         progress: (Int, Int) -> Void = { _, _ in }) async throws -> MatchSummary {
        let assetIDs = try await Asset.query(on: db).all(\.$id)
        // No asset: nothing to match, and no reason to load the knowledge base.
        guard !assetIDs.isEmpty else { return MatchSummary() }
        var wanted = try await cvesInScope(on: db)
        if let only { wanted.formIntersection(only) }
        let (index, facts) = try await loadIndex(wanted: wanted, on: db)
        var summary = MatchSummary()
        var done = 0
        for chunk in assetIDs.chunked(2000) {
            let assets = try await Asset.query(on: db).filter(\.$id ~~ Array(chunk)).all()
            summary.add(try await reconcile(assets, index: index, facts: facts, scope: only, now: now, zone: zone, on: db))
            done += chunk.count
            progress(done, assetIDs.count)
        }
        summary.cves = only?.count ?? index.count
        return summary
    }

    /// The CVEs that the names of the inventory can match (see `ProductScope`).
    static func cvesInScope(on db: any Database) async throws -> Set<String> {
        var scope = ProductScope()
        for text in try await Asset.query(on: db).all(\.$cpesText) {
            for line in text.split(separator: "\n") {
                if let name = try? CPEName(parsing: String(line)) { scope.add(name) }
            }
        }
        let sql = VulnerabilityStore.sql(db)
        var result: Set<String> = []
        func take(_ rows: [any SQLRow]) throws {
            for row in rows {
                let key = ProductKey(vendor: try row.decode(column: "vendor", as: String.self),
                                     product: try row.decode(column: "product", as: String.self))
                if scope.covers(key) { result.insert(try row.decode(column: "cve_id", as: String.self)) }
            }
        }
        for chunk in Array(scope.productsToLookUp).chunked(500) {
            try take(try await sql.select().columns("cve_id", "vendor", "product").from(VulnerabilityProduct.schema)
                .where("product", .in, Array(chunk)).all())
        }
        for chunk in Array(scope.vendors).chunked(500) {
            try take(try await sql.select().columns("cve_id", "vendor", "product").from(VulnerabilityProduct.schema)
                .where("vendor", .in, Array(chunk)).all())
        }
        return result
    }

    /// After CVEs changed (import): rematches those CVEs against the assets that name their products or already
    /// have findings for them.
    static func rematch(cveIDs: Set<String>, on db: any Database, now: Date = Date(), zone: TimeZone) async throws -> MatchSummary {
        guard !cveIDs.isEmpty else { return MatchSummary() }
        if cveIDs.count > incrementalLimit { return try await matchAll(on: db, now: now, zone: zone, only: cveIDs) }
        let ids = Array(cveIDs)
        let (index, facts) = try await loadIndex(cveIDs: ids, on: db)
        let sql = VulnerabilityStore.sql(db)
        var keys: Set<ProductKey> = []
        for chunk in ids.chunked(500) {
            for row in try await sql.select().columns("vendor", "product").from(VulnerabilityProduct.schema)
                .where("cve_id", .in, Array(chunk)).all() {
                keys.insert(ProductKey(vendor: try row.decode(column: "vendor", as: String.self),
                                       product: try row.decode(column: "product", as: String.self)))
            }
        }
        var assetIDs: Set<UUID>
        if keys.contains(.wildcard) {
            assetIDs = Set(try await Asset.query(on: db).all(\.$id))
        } else {
            assetIDs = try await assets(naming: keys, on: db)
        }
        for chunk in ids.chunked(500) {
            for row in try await sql.select().column("asset_id").from(Finding.schema).where("cve_id", .in, Array(chunk)).all() {
                assetIDs.insert(try row.decode(column: "asset_id", as: UUID.self))
            }
        }
        var summary = MatchSummary()
        for chunk in Array(assetIDs).chunked(2000) {
            let assets = try await Asset.query(on: db).filter(\.$id ~~ Array(chunk)).all()
            summary.add(try await reconcile(assets, index: index, facts: facts, scope: cveIDs, now: now, zone: zone, on: db))
        }
        summary.cves = cveIDs.count
        return summary
    }

    /// After assets were added or changed: rematches them against every CVE naming one of their products.
    static func rematch(assets: [Asset], on db: any Database, now: Date = Date(), zone: TimeZone) async throws -> MatchSummary {
        guard !assets.isEmpty else { return MatchSummary() }
        var keys: Set<ProductKey> = []
        for asset in assets { keys.formUnion(asset.cpes.compactMap(ProductKey.init)) }
        let cveIDs = try await cves(naming: keys, on: db)
        let (index, facts) = try await loadIndex(cveIDs: Array(cveIDs), on: db)
        var summary = MatchSummary()
        for chunk in assets.chunked(2000) {
            summary.add(try await reconcile(Array(chunk), index: index, facts: facts, scope: nil, now: now, zone: zone, on: db))
        }
        summary.cves = cveIDs.count
        return summary
    }

    /// Recomputes deadlines and copied CVE facts (severity, KEV) of findings, e.g. after a KEV import or an SLA change.
    static func refreshFindings(cveIDs: Set<String>?, on db: any Database, zone: TimeZone) async throws -> Int {
        let policy = try await SLASettings.load(on: db)
        var changed = 0
        var findings: [Finding] = []
        if let cveIDs {
            for chunk in Array(cveIDs).chunked(500) {
                findings += try await Finding.query(on: db).filter(\.$vulnerability.$id ~~ Array(chunk)).all()
            }
        } else {
            findings = try await Finding.query(on: db).all()
        }
        let facts = try await loadFacts(Array(Set(findings.map { $0.$vulnerability.id })), on: db)
        let levels = try await systemLevels(Set(findings.compactMap { $0.$system.id }), on: db)
        for finding in findings {
            guard let fact = facts[finding.$vulnerability.id] else { continue }
            apply(fact, to: finding, level: finding.$system.id.flatMap { levels[$0] }, policy: policy, zone: zone)
            if finding.hasChanges {
                try await finding.save(on: db)
                changed += 1
            }
        }
        return changed
    }

    // MARK: - Loading

    /// Above this many CVEs, reading the whole table (decoding only the wanted rows) is faster than looking them up.
    static let lookUpLimit = 20_000

    /// The index of the `wanted` CVEs with their facts: looked up when they are few, else read with the rest of the
    /// table and kept.
    static func loadIndex(wanted: Set<String>, on db: any Database) async throws -> (VulnerabilityIndex, [String: VulnerabilityFacts]) {
        if wanted.count <= lookUpLimit { return try await loadIndex(cveIDs: Array(wanted), on: db) }
        return try await loadIndex(cveIDs: nil, keeping: wanted, on: db)
    }

    /// The index of the given CVEs (all when nil, or those of `keeping`) with their facts.
    static func loadIndex(cveIDs: [String]?, keeping: Set<String>? = nil,
                          on db: any Database) async throws -> (VulnerabilityIndex, [String: VulnerabilityFacts]) {
        let sql = VulnerabilityStore.sql(db)
        var entries: [VulnerabilityIndex.Entry] = []
        var facts: [String: VulnerabilityFacts] = [:]
        let decoder = JSONDecoder()
        func load(_ rows: [any SQLRow]) throws {
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                if let keeping, !keeping.contains(id) { continue }
                var configurations = (try? decoder.decode([CPEConfiguration].self,
                                                          from: Data(try row.decode(column: "configurations", as: String.self).utf8))) ?? []
                let csaf = try row.decode(column: "csaf", as: String.self)
                if csaf != "{}" {
                    configurations += CSAFContribution.decode(csaf).values.flatMap(\.configurations)
                }
                facts[id] = try fact(row)
                if !configurations.isEmpty { entries.append(.init(id: id, configurations: configurations)) }
            }
        }
        let columns = ["configurations", "csaf", "severity", "cvss_score", "kev", "kev_due_date"]
        func select() -> SQLSelectBuilder {
            withEPSS(sql.select().column(SQLColumn("id", table: Vulnerability.schema)).columns(columns))
        }
        if let cveIDs {
            for chunk in cveIDs.chunked(500) {
                try load(try await select().where(SQLColumn("id", table: Vulnerability.schema), .in, SQLBind.group(Array(chunk))).all())
            }
        } else {
            try load(try await select().all())
        }
        return (VulnerabilityIndex(entries), facts)
    }

    static func fact(_ row: any SQLRow) throws -> VulnerabilityFacts {
        VulnerabilityFacts(severity: try row.decode(column: "severity", as: String?.self).flatMap(CVSSSeverity.init(rawValue:)),
                           score: try row.decode(column: "cvss_score", as: Double?.self),
                           kev: try row.decode(column: "kev", as: Bool.self),
                           kevDueDate: try row.decode(column: "kev_due_date", as: String?.self),
                           epss: try row.decode(column: "epss_score", as: Double?.self))
    }

    /// The select from `vulnerabilities` with the CVE's EPSS score as `epss_score` (NULL when FIRST did not score it).
    static func withEPSS(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.column(SQLAlias(SQLColumn("score", table: EPSSRecord.schema), as: SQLIdentifier("epss_score")))
            .from(Vulnerability.schema)
            .join(EPSSRecord.schema, method: SQLJoinMethod.left,
                  on: SQLColumn("cve_id", table: EPSSRecord.schema), .equal, SQLColumn("id", table: Vulnerability.schema))
    }

    static func loadFacts(_ ids: [String], on db: any Database) async throws -> [String: VulnerabilityFacts] {
        var facts: [String: VulnerabilityFacts] = [:]
        for chunk in ids.chunked(500) {
            for row in try await withEPSS(VulnerabilityStore.sql(db).select()
                .column(SQLColumn("id", table: Vulnerability.schema)).columns("severity", "cvss_score", "kev", "kev_due_date"))
                .where(SQLColumn("id", table: Vulnerability.schema), .in, SQLBind.group(Array(chunk))).all() {
                facts[try row.decode(column: "id", as: String.self)] = try fact(row)
            }
        }
        return facts
    }

    /// Assets with a CPE name of one of these products.
    static func assets(naming keys: Set<ProductKey>, on db: any Database) async throws -> Set<UUID> {
        var result: Set<UUID> = []
        let byProduct = Dictionary(grouping: keys, by: \.product)
        for chunk in Array(byProduct.keys).chunked(500) {
            for row in try await VulnerabilityStore.sql(db).select().columns("asset_id", "vendor", "product")
                .from(AssetProduct.schema).where("product", .in, Array(chunk)).all() {
                let product = try row.decode(column: "product", as: String.self)
                let vendor = try row.decode(column: "vendor", as: String.self)
                if byProduct[product]?.contains(where: { $0.vendor == vendor }) == true {
                    result.insert(try row.decode(column: "asset_id", as: UUID.self))
                }
            }
        }
        return result
    }

    /// CVEs whose vulnerable criteria name one of these products (or any product).
    static func cves(naming keys: Set<ProductKey>, on db: any Database) async throws -> Set<String> {
        let sql = VulnerabilityStore.sql(db)
        var result: Set<String> = []
        let byProduct = Dictionary(grouping: keys, by: \.product)
        for chunk in (Array(byProduct.keys) + ["*"]).chunked(500) {
            for row in try await sql.select().columns("cve_id", "vendor", "product").from(VulnerabilityProduct.schema)
                .where("product", .in, Array(chunk)).all() {
                let vendor = try row.decode(column: "vendor", as: String.self)
                let product = try row.decode(column: "product", as: String.self)
                if product == "*" || byProduct[product]?.contains(where: { $0.vendor == vendor }) == true {
                    result.insert(try row.decode(column: "cve_id", as: String.self))
                }
            }
        }
        return result
    }

    static func systemLevels(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let systems = try await InformationSystem.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: systems.map { ($0.id!, $0.securityLevel) })
    }

    // MARK: - Reconciling

    /// `reconcileOnce`, run again once when another instance (or a concurrent request) inserted one of the same
    /// findings first: the unique (asset, CVE) index refuses the duplicate and the second pass sees it.
    static func reconcile(_ assets: [Asset], index: VulnerabilityIndex, facts: [String: VulnerabilityFacts],
                          scope: Set<String>?, now: Date, zone: TimeZone, on db: any Database) async throws -> MatchSummary {
        do {
            return try await reconcileOnce(assets, index: index, facts: facts, scope: scope, now: now, zone: zone, on: db)
        } catch where isUniqueViolation(error) {
            return try await reconcileOnce(assets, index: index, facts: facts, scope: scope, now: now, zone: zone, on: db)
        }
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? any DatabaseError)?.isConstraintFailure == true
    }

    /// Brings the findings of `assets` in line with what the index says; `scope` limits which CVEs' findings may be
    /// closed (those the index was built from), nil meaning all.
    ///
    /// The stored findings are read as plain rows and compared first; only those that change are loaded as models
    /// (a rematch of thousands of assets mostly confirms what is stored, and Fluent models cost far more to read).
    static func reconcileOnce(_ assets: [Asset], index: VulnerabilityIndex, facts: [String: VulnerabilityFacts],
                          scope: Set<String>?, now: Date, zone: TimeZone, on db: any Database) async throws -> MatchSummary {
        var summary = MatchSummary(assets: assets.count)
        guard !assets.isEmpty else { return summary }
        let policy = try await SLASettings.load(on: db)
        let levels = try await systemLevels(Set(assets.compactMap { $0.$system.id }), on: db)
        let targets = assets.map { $0.cpes.map(CPETarget.init) }
        let results = index.matchAll(targets)
        let existing = try await findingsToReconcile(assets, matches: results, scope: scope, on: db)
        var created: [Finding] = []
        // Known findings that change: matched (with what matched), or no longer matched (nil).
        var pending: [UUID: (asset: Asset, match: AssetMatch?)] = [:]
        for (asset, matches) in zip(assets, results) {
            let assetID = asset.id!
            let level = asset.$system.id.flatMap { levels[$0] }
            let known = existing[assetID] ?? [:]
            var seen: Set<String> = []
            for match in matches {
                seen.insert(match.cveID)
                let fact = facts[match.cveID] ?? VulnerabilityFacts(kev: false)
                if let finding = known[match.cveID] {
                    if !finding.stillMatches || finding.certain != (match.verdict == .match)
                        || finding.matchedCPE != match.matchedCPE.formattedString || finding.criterion != match.criterion
                        || finding.systemID != asset.$system.id || finding.unitID != asset.$unit.id
                        || finding.facts != FindingFacts(fact, firstSeen: finding.firstSeen, level: level, policy: policy, zone: zone) {
                        pending[finding.id] = (asset, match)
                    }
                } else {
                    let finding = Finding()
                    finding.id = UUID()
                    finding.$unit.id = asset.$unit.id
                    finding.$asset.id = assetID
                    finding.$system.id = asset.$system.id
                    finding.$vulnerability.id = match.cveID
                    finding.status = .open
                    finding.certain = match.verdict == .match
                    finding.stillMatches = true
                    finding.scanPresent = false
                    finding.kev = false
                    finding.matchedCPE = match.matchedCPE.formattedString
                    finding.criterion = match.criterion
                    finding.firstSeen = now
                    finding.lastSeen = now
                    apply(fact, to: finding, level: level, policy: policy, zone: zone)
                    created.append(finding)
                }
            }
            for (cve, finding) in known where !seen.contains(cve) && finding.stillMatches {
                pending[finding.id] = (asset, nil)
            }
        }
        var changed: [Finding] = []
        for chunk in Array(pending.keys).chunked(500) {
            for finding in try await Finding.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                guard let id = finding.id, let (asset, match) = pending[id] else { continue }
                guard let match else {
                    guard finding.stillMatches else { continue }
                    finding.stillMatches = false
                    // A scanner still reports it: the inventory changed, the weakness did not go away.
                    if !finding.scanPresent, move(finding, to: FindingStatus.afterNoLongerMatching(finding.status), now: now,
                            note: "Tài sản không còn khớp (đã nâng cấp hoặc đổi CPE) / No longer matches (upgraded or CPE changed)") {
                        summary.closed += 1
                    }
                    changed.append(finding)
                    continue
                }
                if !finding.stillMatches {
                    finding.stillMatches = true
                    finding.lastSeen = now
                    if move(finding, to: FindingStatus.afterMatchingAgain(finding.status), now: now,
                            note: "Tài sản khớp lại với CVE: mở lại / Matches again: reopened") {
                        summary.reopened += 1
                    }
                }
                let certain = match.verdict == .match
                if finding.certain != certain { finding.certain = certain }
                let matched = match.matchedCPE.formattedString
                if finding.matchedCPE != matched { finding.matchedCPE = matched }
                if finding.criterion != match.criterion { finding.criterion = match.criterion }
                if finding.$system.id != asset.$system.id { finding.$system.id = asset.$system.id }
                if finding.$unit.id != asset.$unit.id { finding.$unit.id = asset.$unit.id }
                apply(facts[match.cveID] ?? VulnerabilityFacts(kev: false), to: finding,
                      level: asset.$system.id.flatMap { levels[$0] }, policy: policy, zone: zone)
                if finding.hasChanges { changed.append(finding) }
            }
        }
        summary.newFindings = created.count
        summary.updated = changed.count - summary.closed - summary.reopened
        let assetIDs = assets.compactMap(\.id)
        let toCreate = created
        let toSave = changed
        try await db.transaction { db in
            for chunk in toCreate.chunked(200) {
                try await Array(chunk).create(on: db)
            }
            for finding in toSave {
                try await finding.save(on: db)
            }
            for chunk in assetIDs.chunked(500) {
                try await Asset.query(on: db).set(\.$matchedAt, to: now).filter(\.$id ~~ Array(chunk)).update()
            }
        }
        return summary
    }

    /// A stored finding as matching compares it, read as a plain row.
    struct KnownFinding {
        var id: UUID
        var unitID: UUID
        var systemID: UUID?
        var stillMatches: Bool
        var certain: Bool
        var matchedCPE: String
        var criterion: String
        var firstSeen: Date
        var facts: FindingFacts
    }

    /// The stored findings matching decides on, by asset then CVE: those that still match (they may stop; of `scope`'s
    /// CVEs when given), and those of a CVE that matches now (they may match again, or a scanner made them). Findings
    /// that only a scanner reports are not read: an asset with hundreds of thousands of them costs nothing here.
    static func findingsToReconcile(_ assets: [Asset], matches: [[AssetMatch]], scope: Set<String>?,
                                    on db: any Database) async throws -> [UUID: [String: KnownFinding]] {
        let sql = VulnerabilityStore.sql(db)
        var existing: [UUID: [String: KnownFinding]] = [:]
        func select(_ assetIDs: [UUID], stillMatches: Bool, cves: [String]?) async throws {
            var query = sql.select()
                .columns("id", "asset_id", "cve_id", "unit_id", "system_id", "still_matches", "certain", "matched_cpe", "criterion",
                         "first_seen", "severity", "cvss_score", "kev", "kev_due_date", "epss_score", "due_at")
                .from(Finding.schema)
                .where("asset_id", .in, SQLBind.group(assetIDs))
                .where("still_matches", .equal, SQLBind(stillMatches))
            if let cves { query = query.where("cve_id", .in, SQLBind.group(cves)) }
            for row in try await query.all() {
                let cve = try row.decode(column: "cve_id", as: String.self)
                if stillMatches, let scope, !scope.contains(cve) { continue }
                let finding = KnownFinding(
                    id: try row.decode(column: "id", as: UUID.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                    systemID: try row.decode(column: "system_id", as: UUID?.self),
                    stillMatches: try row.decode(column: "still_matches", as: Bool.self),
                    certain: try row.decode(column: "certain", as: Bool.self),
                    matchedCPE: try row.decode(column: "matched_cpe", as: String.self),
                    criterion: try row.decode(column: "criterion", as: String.self),
                    firstSeen: try row.decode(column: "first_seen", as: Date.self),
                    facts: try FindingFacts(row: row))
                existing[try row.decode(column: "asset_id", as: UUID.self), default: [:]][cve] = finding
            }
        }
        // A small scope is filtered in the query, a large one as the rows come.
        let scoped = scope.flatMap { $0.count <= 500 ? Array($0) : nil }
        for chunk in Array(zip(assets, matches)).chunked(500) {
            let ids = chunk.compactMap(\.0.id)
            try await select(ids, stillMatches: true, cves: scoped)
            let matched = Set(chunk.flatMap { $0.1.map(\.cveID) })
            for cves in Array(matched).chunked(500) {
                try await select(ids, stillMatches: false, cves: Array(cves))
            }
        }
        return existing
    }

    /// A status change made by matching itself; returns whether the status changed.
    static func move(_ finding: Finding, to status: FindingStatus, now: Date, note: String) -> Bool {
        guard status != finding.status else { return false }
        finding.status = status
        finding.resolvedAt = status.isActive ? nil : now
        finding.statusChangedAt = now
        finding.statusChangedBy = "system"
        finding.statusNote = note
        return true
    }

    /// Copies the CVE's facts onto a finding and recomputes its deadline from when it was first seen (with the SLA
    /// priority rule, when it is on).
    static func apply(_ fact: VulnerabilityFacts, to finding: Finding, level: Int?, policy: SLAPolicy, zone: TimeZone) {
        FindingFacts(fact, firstSeen: finding.firstSeen, level: level, policy: policy, zone: zone).copy(onto: finding)
    }
}
