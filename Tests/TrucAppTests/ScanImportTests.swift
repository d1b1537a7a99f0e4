import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Scanner reports and SBOMs imported into a unit: assets, findings with detections, closing on re-scan, VEX,
/// merging with CPE matching, the history and its files, and hostile files.
@Suite struct ScanImportTests {
    typealias J = RosterFixture

    static func post(_ w: TestWorld, unit: UUID, _ data: Data, fileName: String = "report", as person: Person? = nil) async throws
        -> TestingHTTPResponse {
        let name = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x"
        return try await w.app.testing().sendRequest(.POST, "/api/v1/units/\(unit)/scans?fileName=\(name)",
                                                     headers: w.bearer(person ?? w.adminA), body: ByteBuffer(data: data))
    }

    static func imported(_ w: TestWorld, _ data: Data, fileName: String = "report", unit: UUID? = nil) async throws -> ScanImportSummary {
        let res = try await post(w, unit: unit ?? w.deptA.id!, data, fileName: fileName)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.decode(ScanImportSummary.self)
    }

    /// A Nessus v2 report: hosts (address) with items (plugin id, severity, CVEs).
    static func nessus(_ hosts: [(String, [(plugin: String, severity: Int, cves: [String])])]) -> Data {
        var xml = "<?xml version=\"1.0\" ?>\n<NessusClientData_v2><Report name=\"t\">"
        for (ip, items) in hosts {
            xml += "<ReportHost name=\"\(ip)\"><HostProperties><tag name=\"host-ip\">\(ip)</tag></HostProperties>"
            for item in items {
                xml += "<ReportItem port=\"443\" svc_name=\"www\" protocol=\"tcp\" severity=\"\(item.severity)\" pluginID=\"\(item.plugin)\" pluginName=\"Plugin \(item.plugin)\">"
                xml += item.cves.map { "<cve>\($0)</cve>" }.joined()
                xml += "<solution>Upgrade.</solution><plugin_output>seen \(item.plugin)</plugin_output></ReportItem>"
            }
            xml += "</ReportHost>"
        }
        return Data((xml + "</Report></NessusClientData_v2>").utf8)
    }

    static func findings(_ w: TestWorld, ip: String) async throws -> [Finding] {
        let asset = try #require(try await Asset.query(on: w.db).filter(\.$ipAddress == ip).filter(\.$kind != .software).first())
        return try await Finding.query(on: w.db).filter(\.$asset.$id == asset.id!).sort(\.$vulnerability.$id).all()
    }

    // MARK: - Real samples

    @Test(arguments: TestDatabase.available)
    func openVASReportBecomesAHostWithFindingsAndReimportChangesNothing(db: TestDatabase) async throws {
        guard let path = VulnerabilityFixtures.sharedData("scans/openvas/one_vuln.xml") else { return }
        try await withWorld(db) { w in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let first = try await Self.imported(w, data, fileName: "one_vuln.xml")
            #expect(first.format == .openvas)
            #expect(first.hosts == 1)
            #expect(first.results == 1)
            #expect(first.cves == 12)
            #expect(first.findingsNew == 12)
            #expect(first.assetsCreated == 1)
            let host = try #require(try await Asset.query(on: w.db).filter(\.$sourceKey == "nmap:10.0.101.2").first())
            #expect(host.kind == .server)
            #expect(host.$unit.id == w.deptA.id!)
            let findings = try await Self.findings(w, ip: "10.0.101.2")
            #expect(findings.count == 12)
            #expect(findings.allSatisfy { $0.scanPresent && $0.status == .open && $0.certain && !$0.stillMatches })
            #expect(findings.first?.$vulnerability.id == "CVE-2023-4573")
            // The CVE is not in the knowledge base: a row from the scan stands in for it, with the scanner's severity.
            let cve = try #require(try await Vulnerability.find("CVE-2023-4573", on: w.db))
            #expect(cve.sources == "scan")
            #expect(findings.first?.severity == .critical)
            let detections = try await FindingDetection.query(on: w.db).all()
            #expect(detections.count == 12)
            #expect(detections.allSatisfy { $0.ruleID == "1.3.6.1.4.1.25623.1.0.832260" && $0.present && $0.scanner == .openvas })
            #expect(detections.first?.solution?.hasPrefix("Upgrade to version 117") == true)
            // The same file again: nothing new, nothing closed.
            let second = try await Self.imported(w, data, fileName: "one_vuln.xml")
            #expect(second.findingsNew == 0)
            #expect(second.findingsUnchanged == 12)
            #expect(second.findingsClosed == 0)
            #expect(second.assetsCreated == 0)
            #expect(try await Finding.query(on: w.db).count() == 12)
            #expect(try await Asset.query(on: w.db).count() == 1)
            // The history, newest first, and the original file as an attachment.
            let history = try await w.app.testing().sendRequest(.GET, "/api/v1/units/\(w.deptA.id!)/scans", headers: w.bearer(w.officerA))
            #expect(history.status == .ok)
            let page = try history.decode(Page<ScanImportDTO>.self)
            #expect(page.items.count == 2)
            #expect(page.items.first?.id == second.scanID)
            #expect(page.items.first?.sha256 == VulnerabilityStore.hash(data))
            #expect(page.items.first?.fileName == "one_vuln.xml")
            #expect(page.items.first?.importedBy.contains(w.adminA.email) == true)
            let file = try await w.app.testing().sendRequest(.GET, "/api/v1/scans/\(first.scanID)/file", headers: w.bearer(w.officerA))
            #expect(file.status == .ok)
            #expect(Data(file.body.readableBytesView) == data)
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(file.headers.first(name: .contentType) == "application/octet-stream")
            // Another unit's people see neither the history nor the file.
            let other = try await w.app.testing().sendRequest(.GET, "/api/v1/scans/\(first.scanID)/file", headers: w.bearer(w.adminB))
            #expect(other.status == .forbidden || other.status == .notFound)
            #expect(try await J.audits(w, "scan.import").count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func cycloneDXVEXMarksTheFindingFalsePositive(db: TestDatabase) async throws {
        guard let path = VulnerabilityFixtures.sharedData("scans/cyclonedx/valid-vulnerability-1.4.json") else { return }
        try await withWorld(db) { w in
            let summary = try await Self.imported(w, try Data(contentsOf: URL(fileURLWithPath: path)), fileName: "sbom.json")
            #expect(summary.format == .cyclonedx)
            #expect(summary.vexMarked == 1)
            #expect(summary.assetsCreated == 2) // the SBOM and its component
            let finding = try #require(try await Finding.query(on: w.db).first())
            #expect(finding.$vulnerability.id == "CVE-2018-7489")
            #expect(finding.status == .falsePositive)
            #expect(finding.statusNote?.contains("code_not_reachable") == true)
            let component = try #require(try await Asset.find(finding.$asset.id, on: w.db))
            #expect(component.kind == .software)
            #expect(component.sourceKey?.hasPrefix("artifact:") == true)
            #expect(try await J.audits(w, "finding.vex").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func trivyImageAndLog4jSBOMKeepTheirComponents(db: TestDatabase) async throws {
        guard let trivy = VulnerabilityFixtures.sharedData("scans/trivy/scheme_2_many_vulns.json"),
              let sbom = VulnerabilityFixtures.sharedData("scans/cyclonedx/log4j.json") else { return }
        try await withWorld(db) { w in
            let image = try await Self.imported(w, try Data(contentsOf: URL(fileURLWithPath: trivy)), fileName: "trivy.json")
            #expect(image.findingsNew == 5)
            #expect(image.assetsCreated == 1 + 4) // the image and its four vulnerable packages
            let log4j = try await Self.imported(w, try Data(contentsOf: URL(fileURLWithPath: sbom)), fileName: "log4j.json")
            #expect(log4j.results == 8)
            // Four CVEs and four GHSA advisories (without a CVE of their own) on one component.
            #expect(log4j.findingsNew == 8)
            let component = try #require(try await Asset.query(on: w.db).filter(\.$product == "log4j-core").first())
            #expect(component.cpeStrings == ["cpe:2.3:a:apache:log4j:2.13.2:*:*:*:*:*:*:*"])
            #expect(try await Finding.query(on: w.db).filter(\.$asset.$id == component.id!).count() == 8)
            #expect(try await Vulnerability.find("GHSA-jfh8-c2jp-5v3q", on: w.db)?.sources == "scan")
        }
    }

    // MARK: - Scope and closing

    @Test(arguments: TestDatabase.available)
    func aRescanClosesWhatIsGoneOnCoveredHostsOnlyAndReopensWhatComesBack(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let first = try await Self.imported(w, Self.nessus([
                ("10.0.0.5", [("1001", 3, ["CVE-2021-44228"]), ("1002", 2, []), ("1003", 0, [])]),
                ("10.0.0.7", [("1002", 2, [])]),
            ]), fileName: "first.nessus")
            #expect(first.hosts == 2)
            #expect(first.results == 4)
            #expect(first.findingResults == 3)
            #expect(first.findingsNew == 3)
            let weak = try #require(try await Self.findings(w, ip: "10.0.0.5").first { $0.$vulnerability.id == "nessus:1002" })
            #expect(weak.severity == .medium)
            // A person calls the Log4Shell finding a false positive.
            let log4shell = try #require(try await Self.findings(w, ip: "10.0.0.5").first { $0.$vulnerability.id == "CVE-2021-44228" })
            let admin = try #require(try await Principal.load(personID: w.adminA.id!, tokenID: nil, on: w.db))
            _ = try await FindingService.transition(log4shell, FindingStatusInput(status: .falsePositive, note: "Không dùng JNDI"),
                                                    principal: admin, on: w.db)
            // The second scan covers 10.0.0.5 only: plugin 1002 and the Log4Shell result are gone there.
            let second = try await Self.imported(w, Self.nessus([("10.0.0.5", [])]), fileName: "second.nessus")
            #expect(second.findingsClosed == 1)
            #expect(second.findingsNew == 0)
            let afterSecond = try await Self.findings(w, ip: "10.0.0.5")
            let closed = try #require(afterSecond.first { $0.$vulnerability.id == "nessus:1002" })
            #expect(closed.status == .fixed)
            #expect(closed.statusNote?.contains("second.nessus") == true)
            #expect(!closed.scanPresent)
            // The close is audited with the finding before and after, in the name of whoever imported.
            let audits = try await AuditEntry.query(on: w.db).filter(\.$action == "finding.status")
                .filter(\.$entityID == closed.id!.uuidString).all()
            #expect(audits.count == 1)
            #expect(audits.first?.actorID == w.adminA.id)
            #expect(audits.first?.before?.contains("\"open\"") == true)
            #expect(audits.first?.after?.contains("\"fixed\"") == true)
            #expect(afterSecond.first { $0.$vulnerability.id == "CVE-2021-44228" }?.status == .falsePositive)
            // 10.0.0.7 was not covered: its finding stays open.
            #expect(try await Self.findings(w, ip: "10.0.0.7").map(\.status) == [.open])
            let gone = try await FindingDetection.query(on: w.db).filter(\.$present == false).all()
            #expect(gone.count == 2)
            #expect(gone.allSatisfy { $0.$closedByScan.id == second.scanID })
            // The weakness comes back: the finding reopens.
            let third = try await Self.imported(w, Self.nessus([("10.0.0.5", [("1002", 2, [])])]), fileName: "third.nessus")
            #expect(third.findingsReopened == 1)
            #expect(try await Self.findings(w, ip: "10.0.0.5").first { $0.$vulnerability.id == "nessus:1002" }?.status == .open)
            #expect(try await Asset.query(on: w.db).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRescanMovesTheFindingIntoTheSystemItsAssetIsInNowWithThatDeadline(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let report = Self.nessus([("10.0.0.9", [("1002", 2, [])])])
            _ = try await Self.imported(w, report, fileName: "first.nessus")
            let before = try #require(try await Self.findings(w, ip: "10.0.0.9").first)
            // Outside any system: the unassigned level (3), 45 days for a medium finding.
            #expect(before.$system.id == nil)
            #expect(before.dueAt == before.firstSeen.addingTimeInterval(45 * 86_400))
            // The host is put into a level-4 system, then scanned again.
            let system = InformationSystem(unitID: w.deptA.id!, name: "Cổng dịch vụ công", purpose: nil, securityLevel: 4,
                                           owner: nil, domains: [], publicIPs: [])
            try await system.create(on: w.db)
            let host = try #require(try await Asset.query(on: w.db).filter(\.$ipAddress == "10.0.0.9").filter(\.$kind != .software).first())
            host.$system.id = system.id
            try await host.save(on: w.db)
            let second = try await Self.imported(w, report, fileName: "second.nessus")
            #expect(second.findingsUnchanged == 1)
            let after = try #require(try await Self.findings(w, ip: "10.0.0.9").first)
            #expect(after.id == before.id)
            #expect(after.$system.id == system.id)
            #expect(after.firstSeen == before.firstSeen)
            #expect(after.dueAt == before.firstSeen.addingTimeInterval(30 * 86_400))
        }
    }

    @Test(arguments: TestDatabase.available)
    func importsOfOneUnitAtTheSameTimeTakeTurns(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let report = Self.nessus([
                ("10.0.0.5", [("1001", 3, ["CVE-2021-44228"]), ("1002", 2, [])]),
                ("10.0.0.7", [("1002", 2, [])]),
            ])
            // Four uploads of the same report at once (e.g. a double click, or two instances): each succeeds, the
            // hosts and findings exist once, and exactly one import created them.
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String, ScanImportSummary?).self) { group in
                for index in 0..<4 {
                    group.addTask {
                        let res = try await Self.post(w, unit: w.deptA.id!, report, fileName: "same-\(index).nessus")
                        return (res.status, res.body.string, try? res.decode(ScanImportSummary.self))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.map(\.0) == Array(repeating: .created, count: 4), "\(answers.map(\.1))")
            let summaries = answers.compactMap(\.2)
            #expect(summaries.map(\.findingsNew).sorted() == [0, 0, 0, 3])
            #expect(summaries.map(\.assetsCreated).sorted() == [0, 0, 0, 2])
            #expect(try await Asset.query(on: w.db).count() == 2)
            #expect(try await Finding.query(on: w.db).count() == 3)
            #expect(try await ScanImport.query(on: w.db).count() == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aScanResultOnAMatchedCVEIsOneFindingWithTwoSources(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await VulnerabilityStore.upsertNVD([try VulnerabilityFixtures.struts()], on: w.db)
            let admin = try #require(try await Principal.load(personID: w.adminA.id!, tokenID: nil, on: w.db))
            let server = try await InventoryService.createAsset(
                AssetInput(kind: .server, name: "Máy chủ cổng", ipAddress: "10.0.0.9", cpes: ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"]),
                unitID: w.deptA.id!, by: admin, on: w.db, zone: J.vn)
            let matched = try #require(try await Finding.query(on: w.db).filter(\.$asset.$id == server.id!).first())
            #expect(matched.$vulnerability.id == "CVE-2017-5638")
            let summary = try await Self.imported(w, Self.nessus([("10.0.0.9", [("97610", 4, ["CVE-2017-5638"])])]))
            #expect(summary.findingsNew == 0)
            #expect(summary.findingsUnchanged == 1)
            #expect(summary.assetsCreated == 0)
            let findings = try await Finding.query(on: w.db).filter(\.$asset.$id == server.id!).all()
            #expect(findings.count == 1)
            let finding = try #require(findings.first)
            #expect(finding.id == matched.id)
            #expect(finding.stillMatches && finding.scanPresent)
            #expect(try await FindingDetection.query(on: w.db).filter(\.$finding.$id == finding.id!).count() == 1)
            // The inventory says it was upgraded, the scanner still sees it: it stays open.
            _ = try await InventoryService.updateAsset(server, with: AssetInput(kind: .server, name: "Máy chủ cổng", ipAddress: "10.0.0.9",
                                                                                cpes: ["cpe:2.3:a:apache:struts:2.5.10.1:*:*:*:*:*:*:*"]),
                                                       by: admin, on: w.db, zone: J.vn)
            let after = try #require(try await Finding.find(finding.id, on: w.db))
            #expect(!after.stillMatches)
            #expect(after.status == .open)
            // The finding page shows the scanner's detection.
            var s = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let page = try await s.get("/findings/\(finding.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Plugin 97610"))
            #expect(page.body.string.contains("seen 97610"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aScanResultJoinsTheFindingOfAServiceOnTheSameAddress(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await VulnerabilityStore.upsertNVD([try VulnerabilityFixtures.struts()], on: w.db)
            let admin = try #require(try await Principal.load(personID: w.adminA.id!, tokenID: nil, on: w.db))
            // As the Nmap import leaves it: a service (software) asset on the host's address.
            let service = try await InventoryService.createAsset(
                AssetInput(kind: .software, name: "Struts (10.0.0.9 tcp/8080)", ipAddress: "10.0.0.9",
                           cpes: ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"]),
                unitID: w.deptA.id!, by: admin, on: w.db, zone: J.vn)
            let summary = try await Self.imported(w, Self.nessus([("10.0.0.9", [("97610", 4, ["CVE-2017-5638"]), ("1002", 2, [])])]))
            #expect(summary.assetsCreated == 1) // the host
            #expect(summary.findingsNew == 1) // the weak cipher; Struts joins the service's finding
            #expect(summary.findingsUnchanged == 1)
            let struts = try await Finding.query(on: w.db).filter(\.$vulnerability.$id == "CVE-2017-5638").all()
            #expect(struts.count == 1)
            #expect(struts.first?.$asset.id == service.id)
            #expect(struts.first?.scanPresent == true)
            // The next scan without it: the detection is gone; matching still finds it, so it stays open.
            let again = try await Self.imported(w, Self.nessus([("10.0.0.9", [("1002", 2, [])])]))
            #expect(again.findingsClosed == 0)
            let after = try #require(try await Finding.find(struts.first?.id, on: w.db))
            #expect(!after.scanPresent)
            #expect(after.status == .open)
        }
    }

    // MARK: - Hostile files and rights

    @Test(arguments: TestDatabase.available)
    func badFilesAreRefusedClearlyAndNothingIsStored(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let unit = w.deptA.id!
            let cases: [(Data, HTTPStatus, String)] = [
                (Data("just some text".utf8), .unprocessableEntity, "Accepted formats"),
                (Data("<nmaprun></nmaprun>".utf8), .unprocessableEntity, "Accepted formats"),
                (Data("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"x\">]><report>&a;</report>".utf8), .unprocessableEntity, "entity"),
                (Self.nessus([("10.0.0.5", [("1", 2, [])])]).prefix(150), .unprocessableEntity, "Nothing was imported"),
                (Data(#"{"SchemaVersion": 2, "Results": 5}"#.utf8), .unprocessableEntity, "Results"),
                (Data(), .badRequest, "empty"),
            ]
            for (data, status, text) in cases {
                let res = try await Self.post(w, unit: unit, data)
                #expect(res.status == status, "\(text): \(res.status) \(res.body.string)")
                #expect(res.body.string.contains(text), "\(res.body.string)")
            }
            // Over the limit: 413 naming it.
            w.app.config.maxScanBytes = 1_048_576
            let big = Data(repeating: UInt8(ascii: " "), count: 1_048_577)
            let res = try await Self.post(w, unit: unit, big)
            #expect(res.status == .payloadTooLarge)
            #expect(res.body.string.contains("1 MB"))
            // Rights: a duty officer may not import; another unit's admin neither.
            let officer = try await Self.post(w, unit: unit, Self.nessus([("10.0.0.5", [("1", 2, [])])]), as: w.officerA)
            #expect(officer.status == .forbidden)
            let other = try await Self.post(w, unit: unit, Self.nessus([("10.0.0.5", [("1", 2, [])])]), as: w.adminB)
            #expect(other.status == .forbidden || other.status == .notFound)
            #expect(try await ScanImport.query(on: w.db).count() == 0)
            #expect(try await Asset.query(on: w.db).count() == 0)
            #expect(try await Finding.query(on: w.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aReportWithOneHundredThousandResultsImports(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            // 100,000 informational results and 10 findings on 10 hosts, as Nessus writes them.
            var hosts: [(String, [(plugin: String, severity: Int, cves: [String])])] = []
            for h in 0..<10 {
                var items: [(plugin: String, severity: Int, cves: [String])] = [("5\(h)", 2, [])]
                for i in 0..<9_999 { items.append(("\(100_000 + i)", 0, [])) }
                hosts.append(("10.1.0.\(h + 1)", items))
            }
            let summary = try await Self.imported(w, Self.nessus(hosts), fileName: "big.nessus")
            #expect(summary.results == 100_000)
            #expect(summary.findingResults == 10)
            #expect(summary.findingsNew == 10)
        }
    }

    // MARK: - The page

    @Test(arguments: TestDatabase.available)
    func theInventoryPageUploadsAReportAndTheHistoryShowsIt(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var s = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let inventory = try await s.get("/units/\(w.deptA.id!)/inventory")
            #expect(inventory.body.string.contains("action=\"/units/\(w.deptA.id!)/scans\""))
            let data = Self.nessus([("10.0.0.5", [("1002", 2, [])])])
            let body = J.multipartBody([("_csrf", s.csrf)], file: (field: "file", filename: "tuan-1.nessus", data: Array(data)))
            let res = try await w.app.testing().sendRequest(.POST, "/units/\(w.deptA.id!)/scans",
                                                            headers: CampaignFixtures.multipartHeaders(s.headers()), body: body)
            #expect(res.status == .seeOther, "\(res.body.string)")
            #expect(res.headers.first(name: .location)?.hasPrefix("/units/\(w.deptA.id!)/scans") == true)
            let history = try await s.get("/units/\(w.deptA.id!)/scans")
            #expect(history.status == .ok)
            #expect(history.body.string.contains("tuan-1.nessus"))
            #expect(history.body.string.contains(VulnerabilityStore.hash(data)))
            // Without the CSRF token: refused, nothing stored.
            let forged = try await w.app.testing().sendRequest(.POST, "/units/\(w.deptA.id!)/scans",
                                                               headers: CampaignFixtures.multipartHeaders(s.headers()),
                                                               body: J.multipartBody([], file: (field: "file", filename: "x.nessus", data: Array(data))))
            #expect(forged.status == .forbidden)
            #expect(try await ScanImport.query(on: w.db).count() == 1)
        }
    }
}

extension RosterFixture {
    /// A multipart body with `CampaignFixtures`' boundary.
    static func multipartBody(_ fields: [(String, String)], file: (field: String, filename: String, data: [UInt8])) -> ByteBuffer {
        CampaignFixtures.multipart(fields, file: .init(field: file.field, filename: file.filename, data: file.data))
    }
}
