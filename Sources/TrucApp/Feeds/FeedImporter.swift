import Fluent
import Foundation
import SQLKit
import TrucCore

/// Imports vulnerability feeds into the knowledge base, then rematches the CVEs that changed.
/// Progress goes to `progress` (the command prints it on one terminal line).
enum FeedImporter {
    typealias Progress = @Sendable (String) -> Void

    // MARK: - NVD

    /// An NVD JSON file (1.1 feed or API 2.0, gzip or plain), streamed: memory does not grow with the file.
    static func importNVD(_ path: String, on db: any Database, zone: TimeZone, match: Bool = true,
                          progress: Progress = { _ in }) async throws -> (FeedImportReport, Set<String>) {
        let started = Date()
        var report = FeedImportReport(kind: "nvd", source: (path as NSString).lastPathComponent)
        var reader = NVDFeedReader()
        var pending: [CVERecord] = []
        var changed: Set<String> = []
        func take(_ items: [NVDFeedReader.Item]) {
            for item in items {
                switch item {
                case .record(let record):
                    pending.append(record)
                    report.records += 1
                case .skipped(let skipped):
                    report.skipped += 1
                    report.note("record #\(skipped.index)\(skipped.id.map { " (\($0))" } ?? ""): \(skipped.reason)")
                    report.records += 1
                }
            }
        }
        func flush() async throws {
            guard !pending.isEmpty else { return }
            let outcome = try await VulnerabilityStore.upsertNVD(pending, on: db, now: started)
            report.created += outcome.created.count
            report.updated += outcome.updated.count
            report.unchanged += outcome.unchanged
            changed.formUnion(outcome.created)
            changed.formUnion(outcome.updated)
            pending.removeAll(keepingCapacity: true)
            progress("NVD \(report.source): \(report.records) CVE (\(report.created) new, \(report.updated) updated, \(report.skipped) skipped)")
        }
        try await FeedFile.read(path, process: { bytes in
            take(try reader.feed(bytes))
        }, drain: {
            if pending.count >= 400 { try await flush() }
        })
        take(try reader.finish())
        try await flush()
        if reader.format == nil, report.records == 0 {
            throw FeedFile.Failure(description: "\(path): no NVD records found (expected \"CVE_Items\" or \"vulnerabilities\")")
        }
        if match {
            report.matching = try await MatchingService.rematch(cveIDs: changed, on: db, zone: zone)
        }
        report.seconds = Date().timeIntervalSince(started)
        try await log(report, started: started, on: db)
        return (report, changed)
    }

    // MARK: - KEV

    /// The CISA KEV catalog (JSON): flags listed CVEs (creating a minimal record for CVEs not yet known) and unflags
    /// CVEs that left the catalog; findings get the KEV flag and due date.
    static func importKEV(_ path: String, on db: any Database, zone: TimeZone) async throws -> FeedImportReport {
        try await importKEV(data: try Data(contentsOf: URL(fileURLWithPath: path)), name: (path as NSString).lastPathComponent,
                            on: db, zone: zone)
    }

    /// The KEV catalog already read (from a file, the network or a bundle), named `name` in the report.
    /// `recordRun: false` leaves the run out of `feed_imports` (a bundle import records itself once).
    static func importKEV(data: Data, name: String, on db: any Database, zone: TimeZone,
                          recordRun: Bool = true) async throws -> FeedImportReport {
        let started = Date()
        var report = FeedImportReport(kind: "kev", source: name)
        let catalog = try KEVCatalog(data: data)
        report.records = catalog.entries.count + catalog.skipped.count
        report.skipped = catalog.skipped.count
        for skipped in catalog.skipped { report.note("entry #\(skipped.index)\(skipped.id.map { " (\($0))" } ?? ""): \(skipped.reason)") }
        let initial = report
        let (finalReport, changed) = try await db.transaction { db -> (FeedImportReport, Set<String>) in
            var report = initial
            var changed: Set<String> = []
            let sql = VulnerabilityStore.sql(db)
            var current: [String: (String?, String?, Bool)] = [:]
            for row in try await sql.select().columns("id", "kev_due_date", "kev_date_added", "kev_ransomware").from(Vulnerability.schema)
                .where("kev", .equal, SQLBind(true)).all() {
                current[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "kev_due_date", as: String?.self),
                                                                         try row.decode(column: "kev_date_added", as: String?.self),
                                                                         try row.decode(column: "kev_ransomware", as: Bool.self))
            }
            let known = try await VulnerabilityStore.existing(catalog.entries.map(\.cveID), on: db)
            let listed = Set(catalog.entries.map(\.cveID))
            for entry in catalog.entries {
                let due = entry.dueDate?.description
                let added = entry.dateAdded.description
                if let old = current[entry.cveID], old.0 == due, old.1 == added, old.2 == entry.knownRansomwareCampaignUse {
                    report.unchanged += 1
                    continue
                }
                changed.insert(entry.cveID)
                if let existing = known[entry.cveID] {
                    var sources = existing.sources
                    sources.insert("kev")
                    try await sql.update(Vulnerability.schema)
                        .set("kev", to: SQLBind(true)).set("kev_name", to: SQLBind(entry.vulnerabilityName))
                        .set("kev_date_added", to: SQLBind(added)).set("kev_due_date", to: SQLBind(due))
                        .set("kev_required_action", to: SQLBind(entry.requiredAction))
                        .set("kev_ransomware", to: SQLBind(entry.knownRansomwareCampaignUse))
                        .set("sources", to: SQLBind(sources.sorted().joined(separator: ",")))
                        .where("id", .equal, SQLBind(entry.cveID)).run()
                    report.updated += 1
                } else {
                    try await sql.insert(into: Vulnerability.schema)
                        .columns("id", "description", "metrics", "weaknesses", "reference_urls", "configurations", "csaf",
                                 "content_hash", "kev", "kev_name", "kev_date_added", "kev_due_date", "kev_required_action",
                                 "kev_ransomware", "sources", "imported_at")
                        .values(SQLBind(entry.cveID), SQLBind(entry.shortDescription), SQLBind("[]"),
                                SQLBind(entry.cwes.joined(separator: "\n")), SQLBind(""), SQLBind("[]"), SQLBind("{}"), SQLBind(""),
                                SQLBind(true), SQLBind(entry.vulnerabilityName), SQLBind(added), SQLBind(due),
                                SQLBind(entry.requiredAction), SQLBind(entry.knownRansomwareCampaignUse), SQLBind("kev"), SQLBind(started))
                        .run()
                    report.created += 1
                }
            }
            let removed = current.keys.filter { !listed.contains($0) }
            for chunk in removed.chunked(500) {
                try await sql.update(Vulnerability.schema).set("kev", to: SQLBind(false)).where("id", .in, Array(chunk)).run()
            }
            if !removed.isEmpty { report.note("\(removed.count) CVE(s) no longer in the catalog: KEV flag removed") }
            changed.formUnion(removed)
            return (report, changed)
        }
        report = finalReport
        let refreshed = try await MatchingService.refreshFindings(cveIDs: changed, on: db, zone: zone)
        report.note("\(refreshed) finding(s) got the new KEV flag or due date")
        report.seconds = Date().timeIntervalSince(started)
        if recordRun { try await log(report, started: started, on: db) }
        return report
    }

    // MARK: - CSAF

    /// A CSAF 2.0 document: its CVEs with the CPEs of the known-affected products and the remediations. Re-importing
    /// a document replaces what it said before.
    static func importCSAF(_ path: String, on db: any Database, zone: TimeZone) async throws -> FeedImportReport {
        try await importCSAF(data: try Data(contentsOf: URL(fileURLWithPath: path)), name: (path as NSString).lastPathComponent,
                             origin: .file, on: db, zone: zone)
    }

    /// A CSAF 2.0 document already read (from a file, a provider or a bundle), named `name` in the report.
    static func importCSAF(data: Data, name: String, origin: CSAFOrigin, on db: any Database,
                           zone: TimeZone, recordRun: Bool = true) async throws -> FeedImportReport {
        let started = Date()
        var report = FeedImportReport(kind: "csaf", source: name)
        guard data.count <= CSAFDocumentRecord.maxSize else {
            throw FeedFile.Failure(description: "\(name): tài liệu CSAF quá lớn / CSAF document too large (\(data.count) bytes, at most \(CSAFDocumentRecord.maxSize))")
        }
        let document = try CSAFDocument(data: data)
        let records = document.cveRecords()
        report.records = document.vulnerabilities.count
        report.skipped = document.vulnerabilities.count - records.count
        if report.skipped > 0 { report.note("\(report.skipped) vulnerability entr(ies) without a CVE id were skipped") }
        if !document.productsWithoutCPE.isEmpty {
            report.note("products without a CPE (cannot be matched): " + document.productsWithoutCPE.prefix(10).joined(separator: "; "))
        }
        let initial = report
        let (finalReport, changed) = try await db.transaction { db -> (FeedImportReport, Set<String>) in
            var report = initial
            var changed: Set<String> = []
            if try await storeCSAF(data, document: document, origin: origin, now: started, on: db) {
                report.note("document stored (signature: \(origin.signature.rawValue))")
            }
            let sql = VulnerabilityStore.sql(db)
            let known = try await VulnerabilityStore.existing(records.map(\.id), on: db)
            var productRows: [(String, [CPEConfiguration])] = []
            for record in records {
                let vulnerability = document.vulnerabilities.first { $0.cve == record.id }
                let remediations = (vulnerability?.remediations ?? []).map { remediation in
                    "\(remediation.category): \(remediation.details)" + (remediation.url.map { " (\($0))" } ?? "")
                }
                let contribution = CSAFContribution(trackingID: document.trackingID, title: document.title, publisher: document.publisher,
                                                    configurations: record.configurations, remediations: remediations,
                                                    unmatchableProducts: document.productsWithoutCPE, sourceURL: origin.url,
                                                    signature: origin.signature == .none ? nil : origin.signature)
                if let existing = known[record.id] {
                    var all = CSAFContribution.decode(existing.csaf)
                    if all[document.trackingID] == contribution {
                        report.unchanged += 1
                        continue
                    }
                    all[document.trackingID] = contribution
                    var sources = existing.sources
                    sources.insert("csaf")
                    let update = sql.update(Vulnerability.schema)
                        .set("csaf", to: SQLBind(CSAFContribution.encode(all)))
                        .set("sources", to: SQLBind(sources.sorted().joined(separator: ",")))
                    if !existing.hasMetrics, let primary = record.primaryMetric {
                        update.set("metrics", to: SQLBind(CVERecord.storedJSON(record.metrics)))
                            .set("severity", to: SQLBind(primary.severity.rawValue)).set("cvss_score", to: SQLBind(primary.baseScore))
                            .set("cvss_version", to: SQLBind(primary.version)).set("cvss_vector", to: SQLBind(primary.vector))
                    }
                    try await update.where("id", .equal, SQLBind(record.id)).run()
                    let nvd = try await sql.select().column("configurations").from(Vulnerability.schema)
                        .where("id", .equal, SQLBind(record.id)).first()
                        .flatMap { try? JSONDecoder().decode([CPEConfiguration].self, from: Data(try $0.decode(column: "configurations", as: String.self).utf8)) } ?? []
                    productRows.append((record.id, nvd + all.values.flatMap(\.configurations)))
                    report.updated += 1
                } else {
                    let primary = record.primaryMetric
                    try await sql.insert(into: Vulnerability.schema)
                        .columns("id", "description", "published_at", "severity", "cvss_score", "cvss_version", "cvss_vector",
                                 "metrics", "weaknesses", "reference_urls", "configurations", "csaf", "content_hash", "kev",
                                 "kev_ransomware", "sources", "imported_at")
                        .values(SQLBind(record.id), SQLBind(record.description), SQLBind(record.published),
                                SQLBind(primary?.severity.rawValue), SQLBind(primary?.baseScore), SQLBind(primary?.version),
                                SQLBind(primary?.vector), SQLBind(CVERecord.storedJSON(record.metrics)),
                                SQLBind(record.weaknesses.joined(separator: "\n")), SQLBind(record.references.joined(separator: "\n")),
                                SQLBind("[]"), SQLBind(CSAFContribution.encode([document.trackingID: contribution])), SQLBind(""),
                                SQLBind(false), SQLBind(false), SQLBind("csaf"), SQLBind(started))
                        .run()
                    productRows.append((record.id, record.configurations))
                    report.created += 1
                }
                changed.insert(record.id)
            }
            try await VulnerabilityStore.replaceProducts(productRows, on: db)
            return (report, changed)
        }
        report = finalReport
        report.matching = try await MatchingService.rematch(cveIDs: changed, on: db, zone: zone)
        report.seconds = Date().timeIntervalSince(started)
        if recordRun { try await log(report, started: started, on: db) }
        return report
    }

    /// Stores the document itself in `csaf_documents` (replacing an earlier version of it). Returns false when the
    /// same content with the same origin is already stored.
    static func storeCSAF(_ data: Data, document: CSAFDocument, origin: CSAFOrigin, now: Date, on db: any Database) async throws -> Bool {
        let sha256 = VulnerabilityStore.hash(data)
        let existing = try await CSAFDocumentRecord.query(on: db).filter(\.$trackingID == document.trackingID)
            .filter(\.$publisher == document.publisher).first()
        if let existing, existing.sha256 == sha256, existing.signature == origin.signature.rawValue, existing.sourceURL == origin.url {
            return false
        }
        let row = existing ?? CSAFDocumentRecord()
        row.trackingID = document.trackingID
        row.publisher = document.publisher
        row.title = document.title
        row.sha256 = sha256
        row.content = String(decoding: data, as: UTF8.self)
        row.size = data.count
        row.sourceURL = origin.url
        row.signature = origin.signature.rawValue
        row.importedAt = now
        try await row.save(on: db)
        return true
    }

    // MARK: - CPE dictionary

    /// The NVD CPE dictionary (XML, gzip or plain): replaces the product list used to propose CPE names.
    static func importCPEDictionary(_ path: String, on db: any Database, progress: Progress = { _ in }) async throws -> FeedImportReport {
        let started = Date()
        var report = FeedImportReport(kind: "cpe", source: (path as NSString).lastPathComponent)
        var data = Data()
        try await FeedFile.read(path, process: { data.append(contentsOf: $0) }, drain: {})
        let items = try CPEDictionary.parse(data: data) { count in progress("CPE dictionary: \(count) items") }
        data = Data()
        let products = CPEDictionary.products(items)
        report.records = items.count
        report.skipped = items.filter(\.deprecated).count
        report.created = products.count
        try await db.transaction { db in
            let sql = VulnerabilityStore.sql(db)
            try await sql.delete(from: CPEProductRecord.schema).run()
            for chunk in products.chunked(300) {
                try await sql.insert(into: CPEProductRecord.schema).columns("id", "part", "vendor", "product", "title", "version_count")
                    .rows(chunk.map { product -> [any SQLExpression] in
                        [SQLBind(UUID()), SQLBind(product.part.rawValue), SQLBind(product.vendor), SQLBind(product.product),
                         SQLBind(product.title), SQLBind(product.versionCount)]
                    }).run()
            }
        }
        report.note("\(products.count) products (deprecated items skipped)")
        report.seconds = Date().timeIntervalSince(started)
        try await log(report, started: started, on: db)
        return report
    }

    // MARK: - Log

    static func log(_ report: FeedImportReport, started: Date, on db: any Database) async throws {
        let entry = FeedImport()
        entry.kind = report.kind
        entry.source = report.source
        entry.startedAt = started
        entry.finishedAt = Date()
        entry.records = report.records
        entry.created = report.created
        entry.updated = report.updated
        entry.unchanged = report.unchanged
        entry.skipped = report.skipped
        entry.summary = (report.problems + (report.matching.map { ["matching: " + $0.line] } ?? [])).joined(separator: "\n")
        try await entry.create(on: db)
    }
}
