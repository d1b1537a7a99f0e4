import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// Imports scanner reports and SBOMs into a unit: hosts and software become assets (found again by key, IP or
/// host name), results become findings with a detection each, findings of the same scanner on a covered host that
/// the new report no longer has are closed, and the whole import is one transaction. CPE matching of the assets
/// it touched runs after it.
enum ScanImportService {
    /// The longest file name kept.
    static let fileNameLimit = 200

    /// Reads the file; a file of no known format, malformed or unsafe XML, or broken JSON is a 422 with the reason.
    static func parse(_ data: Data) throws -> ScanReport {
        do {
            return try ScanReport.parse(data)
        } catch {
            throw Abort(.unprocessableEntity, reason: "\(error.english) / \(error.vietnamese) Nothing was imported.")
        }
    }

    /// A file name as kept: its last path component, control characters removed, cut to the limit.
    static func cleanFileName(_ name: String?) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
        return TextLimit.cut(clean.isEmpty ? "scan" : clean, to: fileNameLimit)
    }

    /// Parses and imports `data` (see `importReport`).
    static func importFile(_ data: Data, fileName: String?, unitID: UUID, by principal: Principal?, on db: any Database,
                           zone: TimeZone, now: Date = Date()) async throws -> ScanImportSummary {
        let report = try parse(data)
        return try await importReport(report, data: data, fileName: fileName, unitID: unitID, by: principal, on: db,
                                      zone: zone, now: now)
    }

    // MARK: - The import

    struct PairKey: Hashable {
        var assetID: UUID
        var subject: String
    }

    /// One finding the report asks for: its detections by key, and a VEX statement if one came with it.
    struct Planned {
        var assetID: UUID
        var subject: String
        var results: [String: ScanResult] = [:]
        var vex: ScanResult?
    }

    static func importReport(_ report: ScanReport, data: Data, fileName: String?, unitID: UUID, by principal: Principal?,
                             on db: any Database, zone: TimeZone, now: Date = Date(),
                             times: PhaseTimes? = nil) async throws -> ScanImportSummary {
        let (hostDrafts, problems) = report.assetDrafts()
        let name = cleanFileName(fileName)
        let sha256 = VulnerabilityStore.hash(data)
        let actor = principal.map { "\($0.fullName) <\($0.email)>" } ?? "cli"
        let scanID = UUID()

        let outcome = try await db.transaction { db -> (ScanImportSummary, [Asset]) in
            // 0. One import of a unit at a time: two at once would both create the same hosts and findings.
            try await lockUnit(unitID, on: db)
            try await widenCache(on: db)
            // 1. Assets.
            let resolved = try await resolveAssets(hostDrafts, unitID: unitID, on: db)
            times?.mark("assets")
            // 2. What the report asks for.
            var planned: [PairKey: Planned] = [:]
            var order: [PairKey] = []
            var hostAssets: [String: Asset] = [:]
            var softwareAssets: [String: [String: Asset]] = [:]
            for entry in resolved.hosts {
                hostAssets[entry.hostKey] = entry.host
                softwareAssets[entry.hostKey] = entry.software
            }
            // A CVE that CPE matching found on another asset of the same address (a service the Nmap import made)
            // is the same weakness: the scanner's detection joins that finding.
            let siblings = try await siblingFindings(resolved.hosts, unitID: unitID, on: db)
            for result in report.results where result.isFinding {
                guard let host = hostAssets[result.hostKey], let hostID = host.id else { continue }
                let target = result.softwareRef.flatMap { softwareAssets[result.hostKey]?[$0]?.id } ?? hostID
                let subjects = result.cves.isEmpty ? [ScanReport.ruleSubject(format: report.format, ruleID: result.ruleID)] : result.cves
                let key = detectionKey(report.format, result)
                for subject in subjects {
                    let asset = target == hostID ? (siblings[hostID]?[subject] ?? target) : target
                    let pair = PairKey(assetID: asset, subject: subject)
                    if planned[pair] == nil {
                        planned[pair] = Planned(assetID: asset, subject: subject)
                        order.append(pair)
                    }
                    planned[pair]?.results[key] = result
                    if result.vex != nil { planned[pair]?.vex = result }
                }
            }
            // 3. Knowledge-base rows for CVEs the knowledge base lacks and for scanner rules without a CVE.
            times?.mark("plan")
            try await ensureVulnerabilities(planned.values, format: report.format, on: db, now: now)
            times?.mark("knowledge rows")
            // 4. What exists on the covered assets, read as plain rows (a re-scan touches hundreds of thousands).
            let covered = try await coveredAssetIDs(resolved.hosts, on: db, unitID: unitID)
                .union(siblings.values.flatMap(\.values))
            let targets = Set(planned.keys.map(\.assetID))
            let findings = try await storedFindings(assets: covered.union(targets), on: db)
            let detections = try await storedDetections(findings: findings.values.map(\.id), on: db)
            let policy = try await SLASettings.load(on: db)
            let facts = try await MatchingService.loadFacts(Array(Set(planned.keys.map(\.subject))), on: db)
            let allAssets = resolved.hosts.flatMap { [$0.host] + Array($0.software.values) }
            let systemOf = Dictionary(allAssets.compactMap { asset in asset.id.map { ($0, asset.$system.id) } }, uniquingKeysWith: { a, _ in a })
            let levels = try await MatchingService.systemLevels(
                Set(systemOf.values.compactMap { $0 } + findings.values.compactMap(\.systemID)), on: db)
            times?.mark("read stored")

            // 5. Reconcile.
            var summary = ScanImportSummary(
                scanID: scanID, format: report.format, tool: report.tool, fileName: name, sha256: sha256,
                hosts: report.hosts.count, results: report.results.count, findingResults: report.findingResults.count,
                cves: report.cveIDs.count, findingsNew: 0, findingsUnchanged: 0, findingsClosed: 0, findingsReopened: 0,
                vexMarked: 0, assetsCreated: resolved.created, assetsUpdated: resolved.updated, problems: problems,
                matching: MatchSummary())
            var newFindings: [NewFinding] = []
            var touched: [UUID] = []
            var factUpdates: [(UUID, FindingFacts)] = []
            var systemMoves: [UUID?: [UUID]] = [:]
            var moves: [UUID: StatusMove] = [:]
            var newDetections: [NewDetection] = []
            var seenDetections: [UUID] = []
            var editedDetections: [(UUID, ScanResult)] = []
            var goneDetections: [UUID] = []
            var noLongerReported: [UUID] = []
            let scanNote = "\(report.format.title) \(name), \(VNDateFormat.format(now, timeZone: zone))"
            var newFacts: [String: FindingFacts] = [:]

            for pair in order {
                let plan = planned[pair]!
                let fact = facts[pair.subject] ?? VulnerabilityFacts(kev: false)
                if let stored = findings[pair] {
                    var known = Dictionary((detections[stored.id] ?? []).filter { $0.scanner == report.format }.map { ($0.key, $0) },
                                           uniquingKeysWith: { a, _ in a })
                    for (key, result) in plan.results {
                        if let detection = known.removeValue(forKey: key) {
                            if detection.differs(from: result) { editedDetections.append((detection.id, result)) }
                            seenDetections.append(detection.id)
                        } else {
                            newDetections.append(NewDetection(findingID: stored.id, key: key, result: result))
                        }
                    }
                    touched.append(stored.id)
                    if let vex = plan.vex, stored.status.isActive {
                        moves[stored.id] = StatusMove(to: .falsePositive, note: vexNote(vex, scanNote), present: true, vex: true)
                        summary.vexMarked += 1
                    } else if plan.vex == nil, !stored.status.isActive, FindingStatus.afterMatchingAgain(stored.status) != stored.status {
                        moves[stored.id] = StatusMove(to: .open, note: "Lần quét lại thấy: mở lại / Reported again by the scan: reopened (\(scanNote))",
                                                      present: true, vex: false)
                        summary.findingsReopened += 1
                    } else {
                        summary.findingsUnchanged += 1
                    }
                    // The finding follows its asset into the system the asset is in now, with that system's deadline.
                    let systemID = systemOf[pair.assetID] ?? stored.systemID
                    let computed = FindingFacts(fact, firstSeen: stored.firstSeen, level: systemID.flatMap { levels[$0] },
                                                 policy: policy, zone: zone)
                    if systemID != stored.systemID { systemMoves[systemID, default: []].append(stored.id) }
                    if computed != stored.facts { factUpdates.append((stored.id, computed)) }
                } else {
                    let systemID = systemOf[pair.assetID] ?? nil
                    let level = systemID.flatMap { levels[$0] }
                    let cacheKey = "\(level ?? 0)\u{1}\(pair.subject)"
                    let computed = newFacts[cacheKey] ?? FindingFacts(fact, firstSeen: now, level: level, policy: policy, zone: zone)
                    newFacts[cacheKey] = computed
                    let id = UUID()
                    var finding = NewFinding(id: id, assetID: pair.assetID, systemID: systemID, subject: pair.subject, facts: computed)
                    if let vex = plan.vex {
                        finding.status = .falsePositive
                        finding.note = vexNote(vex, scanNote)
                        summary.vexMarked += 1
                    }
                    newFindings.append(finding)
                    for (key, result) in plan.results {
                        newDetections.append(NewDetection(findingID: id, key: key, result: result))
                    }
                    summary.findingsNew += 1
                }
            }
            // 6. Close what the report no longer has on the hosts it covered.
            let plannedKeys = Dictionary(grouping: planned.values, by: \.assetID)
                .mapValues { plans in Set(plans.flatMap { plan in plan.results.keys.map { "\(plan.subject)\u{1}\($0)" } }) }
            for (pair, stored) in findings where covered.contains(pair.assetID) {
                guard var list = detections[stored.id] else { continue }
                let keys = plannedKeys[pair.assetID] ?? []
                var closedAny = false
                for index in list.indices where list[index].scanner == report.format && list[index].present
                    && !keys.contains("\(pair.subject)\u{1}\(list[index].key)") {
                    goneDetections.append(list[index].id)
                    list[index].present = false
                    closedAny = true
                }
                // A finding the report still has (under another rule or port) stays as the planning left it.
                guard closedAny, planned[pair] == nil, !list.contains(where: \.present) else { continue }
                if !stored.stillMatches, FindingStatus.afterNoLongerMatching(stored.status) != stored.status {
                    moves[stored.id] = StatusMove(to: FindingStatus.afterNoLongerMatching(stored.status),
                                                  note: "Không còn trong lần quét: đã khắc phục / Gone from the scan: fixed (\(scanNote))",
                                                  present: false, vex: false)
                    summary.findingsClosed += 1
                } else {
                    noLongerReported.append(stored.id)
                }
            }

            times?.mark("reconcile")
            // 7. Write.
            let scan = ScanImport()
            scan.id = scanID
            scan.$unit.id = unitID
            scan.format = report.format
            scan.tool = report.tool.map { TextLimit.cut($0, to: 200) }
            scan.fileName = name
            scan.sha256 = sha256
            scan.size = Int64(data.count)
            scan.content = data
            scan.importedAt = now
            scan.importedBy = actor
            scan.hosts = report.hosts.count
            scan.results = report.results.count
            scan.findingsNew = summary.findingsNew
            scan.findingsUnchanged = summary.findingsUnchanged
            scan.findingsClosed = summary.findingsClosed
            scan.findingsReopened = summary.findingsReopened
            scan.assetsCreated = resolved.created
            scan.covered = report.hosts.prefix(200).map { TextLimit.cut($0.displayName, to: 200) }.joined(separator: "\n")
            try await scan.create(on: db)
            times?.mark("write: scan and file")
            try await insertFindings(newFindings, unitID: unitID, now: now, on: db)
            times?.mark("write: new findings")
            for chunk in touched.filter({ moves[$0] == nil }).chunked(500) {
                try await Finding.query(on: db).set(\.$lastSeen, to: now).set(\.$scanPresent, to: true)
                    .filter(\.$id ~~ Array(chunk)).update()
            }
            for chunk in noLongerReported.chunked(500) {
                try await Finding.query(on: db).set(\.$scanPresent, to: false).filter(\.$id ~~ Array(chunk)).update()
            }
            for (id, computed) in factUpdates { try await computed.store(on: id, db) }
            // A host moved to another system brings all its findings: one UPDATE per system.
            for (systemID, ids) in systemMoves {
                for chunk in ids.chunked(500) {
                    try await Finding.query(on: db).set(\.$system.$id, to: systemID).filter(\.$id ~~ Array(chunk)).update()
                }
            }
            times?.mark("write: seen findings")
            try await applyMoves(moves, now: now, by: principal, on: db)
            times?.mark("write: status changes")
            for finding in newFindings where finding.status == .falsePositive {
                guard let stored = try await Finding.find(finding.id, on: db) else { continue }
                try await Audit.record("finding.vex", entity: "finding", id: finding.id.uuidString, unitID: unitID,
                                       after: stored.dto(now: now), by: principal, on: db)
            }
            try await insertDetections(newDetections, scanID: scanID, now: now, on: db)
            times?.mark("write: new detections")
            for chunk in seenDetections.chunked(500) {
                try await FindingDetection.query(on: db).set(\.$present, to: true).set(\.$lastSeen, to: now)
                    .set(\.$scan.$id, to: scanID).set(\.$closedByScan.$id, to: nil).filter(\.$id ~~ Array(chunk)).update()
            }
            for (id, result) in editedDetections {
                try await FindingDetection.query(on: db).set(\.$name, to: result.name).set(\.$severity, to: result.severity)
                    .set(\.$cvss, to: result.cvss).set(\.$cves, to: result.cves.joined(separator: ",")).set(\.$port, to: result.port)
                    .set(\.$proto, to: result.proto).set(\.$evidence, to: result.evidence).set(\.$solution, to: result.solution)
                    .filter(\.$id == id).update()
            }
            for chunk in goneDetections.chunked(500) {
                try await FindingDetection.query(on: db).set(\.$present, to: false).set(\.$closedByScan.$id, to: scanID)
                    .filter(\.$id ~~ Array(chunk)).update()
            }
            try await Audit.record("scan.import", entity: "scan", id: scanID.uuidString, unitID: unitID,
                                   after: ScanAuditDTO(summary), by: principal, on: db)
            times?.mark("write: detections seen and gone")
            return (summary, resolved.changedAssets)
        }
        times?.mark("commit")
        var summary = outcome.0
        summary.matching = try await MatchingService.rematch(assets: outcome.1, on: db, now: now, zone: zone)
        times?.mark("CPE matching")
        return summary
    }

    struct ScanAuditDTO: Encodable {
        var format: String
        var fileName: String
        var sha256: String
        var hosts: Int
        var results: Int
        var findingsNew: Int
        var findingsClosed: Int
        var findingsReopened: Int
        var vexMarked: Int
        var assetsCreated: Int

        init(_ summary: ScanImportSummary) {
            format = summary.format.rawValue
            fileName = summary.fileName
            sha256 = summary.sha256
            hosts = summary.hosts
            results = summary.results
            findingsNew = summary.findingsNew
            findingsClosed = summary.findingsClosed
            findingsReopened = summary.findingsReopened
            vexMarked = summary.vexMarked
            assetsCreated = summary.assetsCreated
        }
    }

    static func vexNote(_ result: ScanResult, _ scanNote: String) -> String {
        "VEX: \(result.vex?.rawValue ?? "")" + (result.vexJustification.map { " — \($0)" } ?? "") + " (\(scanNote))"
    }

    /// `format|rule|proto/port`, cut to 500 characters.
    static func detectionKey(_ format: ScanFormat, _ result: ScanResult) -> String {
        TextLimit.cut("\(format.rawValue)|\(result.ruleID)|\(result.proto ?? "")/\(result.port.map(String.init) ?? "")",
                      to: TextLimit.line)
    }

    /// Waits for, then holds until the transaction ends, the unit's import lock. PostgreSQL: a transaction-scoped
    /// advisory lock (instances share it through the database). SQLite: its transactions already hold the write
    /// lock from their start (`BEGIN IMMEDIATE`), so imports take turns without more.
    static func lockUnit(_ unitID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "truc.scan-import." + unitID.uuidString.lowercased())))").run()
    }

    /// SQLite: a page cache of 64 MB for this connection (the default 2 MB spills a large import's pages to disk
    /// inside the transaction). Kept by the pooled connection afterwards; PostgreSQL manages its own buffers.
    static func widenCache(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -65536").run()
    }

    // MARK: - Knowledge base rows

    /// Inserts a row for every subject the knowledge base lacks: a CVE not (yet) imported from NVD gets the
    /// scanner's name, severity and score until NVD brings it (the NVD import then replaces it); a scanner rule
    /// without a CVE gets its name. Both are marked with the source `scan`.
    static func ensureVulnerabilities(_ plans: some Collection<Planned>, format: ScanFormat, on db: any Database,
                                      now: Date) async throws {
        var bySubject: [String: ScanResult] = [:]
        for plan in plans where bySubject[plan.subject] == nil { bySubject[plan.subject] = plan.results.values.first }
        let sql = VulnerabilityStore.sql(db)
        var missing = Set(bySubject.keys)
        for chunk in Array(bySubject.keys).chunked(500) {
            for row in try await sql.select().column("id").from(Vulnerability.schema).where("id", .in, Array(chunk)).all() {
                missing.remove(try row.decode(column: "id", as: String.self))
            }
        }
        var rows: [[any SQLExpression]] = []
        for subject in missing.sorted() {
            guard let result = bySubject[subject] else { continue }
            let isCVE = ScanResult.isCVE(subject)
            let description = isCVE
                ? "\(result.name) — theo \(format.title); chưa có trong dữ liệu NVD / reported by \(format.title), not yet in the NVD data"
                : "\(result.name) — kiểm tra của \(format.title) / a \(format.title) check"
            let severity = result.cvss.map(CVSSSeverity.init(score:)) ?? result.severity.cvssSeverity
            rows.append([SQLBind(subject), SQLBind(TextLimit.cut(description, to: TextLimit.shortNote)), SQLBind(severity.rawValue),
                         SQLBind(result.cvss), SQLBind("[]"), SQLBind(""), SQLBind(""), SQLBind("[]"), SQLBind("{}"), SQLBind(""),
                         SQLBind(false), SQLBind(false), SQLBind("scan"), SQLBind(now)])
        }
        for chunk in rows.chunked(200) {
            try await sql.insert(into: Vulnerability.schema)
                .columns("id", "description", "severity", "cvss_score", "metrics", "weaknesses", "reference_urls",
                         "configurations", "csaf", "content_hash", "kev", "kev_ransomware", "sources", "imported_at")
                .rows(Array(chunk))
                .ignoringConflicts(with: ["id"])
                .run()
        }
    }
}

extension ScanImportService {
    /// An upload from the API or the page: read on the thread pool (a large XML report takes seconds), then
    /// imported.
    static func importUpload(_ data: Data, fileName: String?, unitID: UUID, by principal: Principal,
                             req: Request) async throws -> ScanImportSummary {
        let report = try await req.application.threadPool.runIfActive { try parse(data) }
        return try await importReport(report, data: data, fileName: fileName, unitID: unitID, by: principal, on: req.db,
                                      zone: req.timeZone)
    }
}
