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
                             on db: any Database, zone: TimeZone, now: Date = Date()) async throws -> ScanImportSummary {
        let (hostDrafts, problems) = report.assetDrafts()
        let name = cleanFileName(fileName)
        let sha256 = VulnerabilityStore.hash(data)
        let actor = principal.map { "\($0.fullName) <\($0.email)>" } ?? "cli"
        let scanID = UUID()

        let outcome = try await db.transaction { db -> (ScanImportSummary, [Asset]) in
            // 1. Assets.
            let resolved = try await resolveAssets(hostDrafts, unitID: unitID, on: db)
            // 2. What the report asks for.
            var planned: [PairKey: Planned] = [:]
            var order: [PairKey] = []
            var hostAssets: [String: Asset] = [:]
            var softwareAssets: [String: [String: Asset]] = [:]
            for entry in resolved.hosts {
                hostAssets[entry.hostKey] = entry.host
                softwareAssets[entry.hostKey] = entry.software
            }
            for result in report.results where result.isFinding {
                guard let host = hostAssets[result.hostKey], let hostID = host.id else { continue }
                let target = result.softwareRef.flatMap { softwareAssets[result.hostKey]?[$0]?.id } ?? hostID
                let subjects = result.cves.isEmpty ? [ScanReport.ruleSubject(format: report.format, ruleID: result.ruleID)] : result.cves
                let key = detectionKey(report.format, result)
                for subject in subjects {
                    let pair = PairKey(assetID: target, subject: subject)
                    if planned[pair] == nil {
                        planned[pair] = Planned(assetID: target, subject: subject)
                        order.append(pair)
                    }
                    planned[pair]?.results[key] = result
                    if result.vex != nil { planned[pair]?.vex = result }
                }
            }
            // 3. Knowledge-base rows for CVEs the knowledge base lacks and for scanner rules without a CVE.
            try await ensureVulnerabilities(planned.values, format: report.format, on: db, now: now)
            // 4. What exists on the covered assets.
            let covered = try await coveredAssetIDs(resolved.hosts, on: db, unitID: unitID)
            let targets = Set(planned.keys.map(\.assetID))
            var findings: [PairKey: Finding] = [:]
            for chunk in Array(covered.union(targets)).chunked(500) {
                for finding in try await Finding.query(on: db).filter(\.$asset.$id ~~ Array(chunk)).all() {
                    findings[PairKey(assetID: finding.$asset.id, subject: finding.$vulnerability.id)] = finding
                }
            }
            var detections: [UUID: [FindingDetection]] = [:]
            for chunk in findings.values.compactMap(\.id).chunked(500) {
                for detection in try await FindingDetection.query(on: db).filter(\.$finding.$id ~~ Array(chunk)).all() {
                    detections[detection.$finding.id, default: []].append(detection)
                }
            }
            let policy = try await SLASettings.load(on: db)
            let facts = try await MatchingService.loadFacts(Array(Set(planned.keys.map(\.subject))), on: db)
            let allAssets = resolved.hosts.flatMap { [$0.host] + Array($0.software.values) }
            let systemOf = Dictionary(allAssets.compactMap { asset in asset.id.map { ($0, asset.$system.id) } }, uniquingKeysWith: { a, _ in a })
            let levels = try await MatchingService.systemLevels(Set(systemOf.values.compactMap { $0 }), on: db)

            // 5. Reconcile.
            var summary = ScanImportSummary(
                scanID: scanID, format: report.format, tool: report.tool, fileName: name, sha256: sha256,
                hosts: report.hosts.count, results: report.results.count, findingResults: report.findingResults.count,
                cves: report.cveIDs.count, findingsNew: 0, findingsUnchanged: 0, findingsClosed: 0, findingsReopened: 0,
                vexMarked: 0, assetsCreated: resolved.created, assetsUpdated: resolved.updated, problems: problems,
                matching: MatchSummary())
            var newFindings: [Finding] = []
            var touchedFindings: [UUID] = []
            var statusChanged: [(Finding, FindingDTO?)] = []
            var newDetections: [FindingDetection] = []
            var seenDetections: [UUID] = []
            var editedDetections: [FindingDetection] = []
            var goneDetections: [UUID] = []
            let scanNote = "\(report.format.title) \(name), \(VNDateFormat.format(now, timeZone: zone))"

            for pair in order {
                let plan = planned[pair]!
                let systemID = systemOf[pair.assetID] ?? nil
                let level = systemID.flatMap { levels[$0] }
                let fact = facts[pair.subject] ?? VulnerabilityFacts(kev: false)
                if let finding = findings[pair], let findingID = finding.id {
                    let before = finding.dto(now: now)
                    var known = Dictionary((detections[findingID] ?? []).filter { $0.scanner == report.format }.map { ($0.detectionKey, $0) },
                                           uniquingKeysWith: { a, _ in a })
                    for (key, result) in plan.results {
                        if let detection = known.removeValue(forKey: key) {
                            if fill(detection, from: result) { editedDetections.append(detection) }
                            seenDetections.append(detection.id!)
                        } else {
                            newDetections.append(makeDetection(findingID: findingID, key: key, format: report.format, result: result,
                                                               scanID: scanID, now: now))
                        }
                    }
                    touchedFindings.append(findingID)
                    var changed = false
                    if let vex = plan.vex, finding.status.isActive {
                        changed = MatchingService.move(finding, to: .falsePositive, now: now,
                                                       note: vexNote(vex, scanNote))
                        finding.statusChangedBy = "scan"
                        summary.vexMarked += 1
                    } else if plan.vex == nil, !finding.status.isActive,
                              FindingStatus.afterMatchingAgain(finding.status) != finding.status {
                        changed = MatchingService.move(finding, to: .open, now: now,
                                                       note: "Lần quét lại thấy: mở lại / Reported again by the scan: reopened (\(scanNote))")
                        summary.findingsReopened += 1
                    } else {
                        summary.findingsUnchanged += 1
                    }
                    if finding.$system.id != systemID { finding.$system.id = systemID; changed = true }
                    MatchingService.apply(fact, to: finding, level: level, policy: policy, zone: zone)
                    if changed || finding.hasChanges { statusChanged.append((finding, changed ? before : nil)) }
                } else {
                    let finding = Finding()
                    finding.id = UUID()
                    finding.$unit.id = unitID
                    finding.$asset.id = pair.assetID
                    finding.$system.id = systemID
                    finding.$vulnerability.id = pair.subject
                    finding.status = .open
                    finding.certain = true
                    finding.stillMatches = false
                    finding.scanPresent = true
                    finding.kev = false
                    finding.matchedCPE = ""
                    finding.criterion = ""
                    finding.firstSeen = now
                    finding.lastSeen = now
                    if let vex = plan.vex {
                        _ = MatchingService.move(finding, to: .falsePositive, now: now, note: vexNote(vex, scanNote))
                        finding.statusChangedBy = "scan"
                        summary.vexMarked += 1
                    }
                    MatchingService.apply(fact, to: finding, level: level, policy: policy, zone: zone)
                    newFindings.append(finding)
                    for (key, result) in plan.results {
                        newDetections.append(makeDetection(findingID: finding.id!, key: key, format: report.format, result: result,
                                                           scanID: scanID, now: now))
                    }
                    summary.findingsNew += 1
                }
            }
            // 6. Close what the report no longer has on the hosts it covered.
            let plannedKeys = Dictionary(grouping: planned.values, by: \.assetID)
                .mapValues { plans in Set(plans.flatMap { plan in plan.results.keys.map { "\(plan.subject)\u{1}\($0)" } }) }
            for (pair, finding) in findings where covered.contains(pair.assetID) {
                guard let findingID = finding.id, let list = detections[findingID] else { continue }
                let keys = plannedKeys[pair.assetID] ?? []
                var closedAny = false
                for detection in list where detection.scanner == report.format && detection.present
                    && !keys.contains("\(pair.subject)\u{1}\(detection.detectionKey)") {
                    goneDetections.append(detection.id!)
                    detection.present = false
                    closedAny = true
                }
                guard closedAny else { continue }
                let stillReported = list.contains { $0.present }
                guard !stillReported else { continue }
                let before = finding.dto(now: now)
                finding.scanPresent = false
                var changed = false
                if !finding.stillMatches {
                    changed = MatchingService.move(finding, to: FindingStatus.afterNoLongerMatching(finding.status), now: now,
                                                   note: "Không còn trong lần quét: đã khắc phục / Gone from the scan: fixed (\(scanNote))")
                    if changed { summary.findingsClosed += 1 }
                }
                statusChanged.append((finding, changed ? before : nil))
            }

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
            try await insertFindings(newFindings, on: db)
            let changedIDs = Set(statusChanged.compactMap { $0.0.id })
            let touchedSet = Set(touchedFindings)
            for chunk in touchedFindings.filter({ !changedIDs.contains($0) }).chunked(500) {
                try await Finding.query(on: db).set(\.$lastSeen, to: now).set(\.$scanPresent, to: true)
                    .filter(\.$id ~~ Array(chunk)).update()
            }
            for (finding, before) in statusChanged {
                if touchedSet.contains(finding.id!) {
                    finding.lastSeen = now
                    finding.scanPresent = true
                }
                try await finding.save(on: db)
                if let before {
                    try await Audit.record(finding.status == .falsePositive && before.status != .falsePositive ? "finding.vex" : "finding.status",
                                           entity: "finding", id: finding.id?.uuidString, unitID: finding.$unit.id,
                                           before: before, after: finding.dto(now: now), by: principal, on: db)
                }
            }
            for finding in newFindings where finding.status == .falsePositive {
                try await Audit.record("finding.vex", entity: "finding", id: finding.id?.uuidString, unitID: unitID,
                                       after: finding.dto(now: now), by: principal, on: db)
            }
            try await insertDetections(newDetections, on: db)
            for chunk in seenDetections.chunked(500) {
                try await FindingDetection.query(on: db).set(\.$present, to: true).set(\.$lastSeen, to: now)
                    .set(\.$scan.$id, to: scanID).set(\.$closedByScan.$id, to: nil).filter(\.$id ~~ Array(chunk)).update()
            }
            for detection in editedDetections { try await detection.save(on: db) }
            for chunk in goneDetections.chunked(500) {
                try await FindingDetection.query(on: db).set(\.$present, to: false).set(\.$closedByScan.$id, to: scanID)
                    .filter(\.$id ~~ Array(chunk)).update()
            }
            try await Audit.record("scan.import", entity: "scan", id: scanID.uuidString, unitID: unitID,
                                   after: ScanAuditDTO(summary), by: principal, on: db)
            return (summary, resolved.changedAssets)
        }
        var summary = outcome.0
        summary.matching = try await MatchingService.rematch(assets: outcome.1, on: db, now: now, zone: zone)
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

    static func makeDetection(findingID: UUID, key: String, format: ScanFormat, result: ScanResult, scanID: UUID,
                              now: Date) -> FindingDetection {
        let detection = FindingDetection()
        detection.id = UUID()
        detection.$finding.id = findingID
        detection.$scan.id = scanID
        detection.$closedByScan.id = nil
        detection.detectionKey = key
        detection.scanner = format
        detection.firstSeen = now
        detection.lastSeen = now
        detection.present = true
        _ = fill(detection, from: result)
        return detection
    }

    /// Copies a result's texts onto a detection; whether anything changed.
    @discardableResult
    static func fill(_ detection: FindingDetection, from result: ScanResult) -> Bool {
        let cves = result.cves.joined(separator: ",")
        if detection.$ruleID.value != result.ruleID { detection.ruleID = result.ruleID }
        if detection.$name.value != result.name { detection.name = result.name }
        if detection.$severity.value != result.severity { detection.severity = result.severity }
        if detection.$cvss.value != result.cvss { detection.cvss = result.cvss }
        if detection.$cves.value != cves { detection.cves = cves }
        if detection.$port.value != result.port { detection.port = result.port }
        if detection.$proto.value != result.proto { detection.proto = result.proto }
        if detection.$evidence.value != result.evidence { detection.evidence = result.evidence }
        if detection.$solution.value != result.solution { detection.solution = result.solution }
        return detection.hasChanges
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

extension ScanImportService {
    /// New findings in multi-row INSERTs (a report can bring hundreds of thousands; Fluent's model encoding would
    /// dominate the import).
    static func insertFindings(_ findings: [Finding], on db: any Database) async throws {
        let sql = VulnerabilityStore.sql(db)
        for chunk in findings.chunked(400) {
            let rows: [[any SQLExpression]] = chunk.map { f in
                [SQLBind(f.id!), SQLBind(f.$unit.id), SQLBind(f.$asset.id), SQLBind(f.$system.id), SQLBind(f.$vulnerability.id),
                 SQLBind(f.status.rawValue), SQLBind(f.certain), SQLBind(f.stillMatches), SQLBind(f.scanPresent),
                 SQLBind(f.severity?.rawValue), SQLBind(f.cvssScore), SQLBind(f.kev), SQLBind(f.kevDueDate), SQLBind(f.epssScore),
                 SQLBind(f.matchedCPE), SQLBind(f.criterion), SQLBind(f.firstSeen), SQLBind(f.lastSeen), SQLBind(f.dueAt),
                 SQLBind(f.resolvedAt), SQLBind(f.acceptedUntil), SQLBind(f.statusNote), SQLBind(f.statusChangedAt),
                 SQLBind(f.statusChangedBy)]
            }
            try await sql.insert(into: Finding.schema)
                .columns("id", "unit_id", "asset_id", "system_id", "cve_id", "status", "certain", "still_matches", "scan_present",
                         "severity", "cvss_score", "kev", "kev_due_date", "epss_score", "matched_cpe", "criterion", "first_seen",
                         "last_seen", "due_at", "resolved_at", "accepted_until", "status_note", "status_changed_at",
                         "status_changed_by")
                .rows(rows)
                .run()
        }
    }

    /// New detections in multi-row INSERTs.
    static func insertDetections(_ detections: [FindingDetection], on db: any Database) async throws {
        let sql = VulnerabilityStore.sql(db)
        for chunk in detections.chunked(400) {
            let rows: [[any SQLExpression]] = chunk.map { d in
                [SQLBind(d.id!), SQLBind(d.$finding.id), SQLBind(d.$scan.id), SQLBind(d.$closedByScan.id), SQLBind(d.detectionKey),
                 SQLBind(d.scanner.rawValue), SQLBind(d.ruleID), SQLBind(d.name), SQLBind(d.severity.rawValue), SQLBind(d.cvss),
                 SQLBind(d.cves), SQLBind(d.port), SQLBind(d.proto), SQLBind(d.evidence), SQLBind(d.solution), SQLBind(d.present),
                 SQLBind(d.firstSeen), SQLBind(d.lastSeen)]
            }
            try await sql.insert(into: FindingDetection.schema)
                .columns("id", "finding_id", "scan_id", "closed_by_scan_id", "detection_key", "scanner", "rule_id", "name",
                         "severity", "cvss", "cves", "port", "protocol", "evidence", "solution", "present", "first_seen", "last_seen")
                .rows(rows)
                .run()
        }
    }
}
