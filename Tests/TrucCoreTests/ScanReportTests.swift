import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TrucCore

/// Scanner reports and SBOMs (`../shared/data/scans`, DefectDojo's test data; skipped when absent). Every count is
/// also taken by an independent walk of the file (a DOM with XPath, or `JSONSerialization`), not by the reader.
@Suite struct ScanReportTests {
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/scans")
    static let hasSharedData = FileManager.default.fileExists(atPath: directory.path)

    static func data(_ file: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(file)) }

    // MARK: - Independent counts

    struct Counts: Equatable, CustomStringConvertible {
        var hosts: Int
        var results: Int
        var findings: Int
        var cves: Int
        var description: String { "hosts \(hosts), results \(results), findings \(findings), CVEs \(cves)" }
    }

    static func xpath(_ document: XMLDocument, _ path: String) throws -> [XMLNode] { try document.nodes(forXPath: path) }

    static func counted(_ file: String) throws -> Counts {
        let data = try data(file)
        if file.hasPrefix("openvas/") {
            let document = try XMLDocument(data: data)
            let results = try xpath(document, "//results/result")
            var hosts = Set(try xpath(document, "/report/report/host/ip").compactMap(\.stringValue))
            var cves = Set<String>()
            var findings = 0
            for result in results {
                // The host element's own text node, before its <asset/> and <hostname> children.
                if let text = try xpath(document, result.xPath! + "/host/text()").first?.stringValue {
                    hosts.insert(text.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                for ref in try xpath(document, result.xPath! + "/nvt/refs/ref[@type='cve']/@id") { cves.insert(ref.stringValue!) }
                let threat = try xpath(document, result.xPath! + "/threat").first?.stringValue
                if threat != "Log" { findings += 1 }
            }
            return Counts(hosts: hosts.count, results: results.count, findings: findings, cves: cves.count)
        }
        if file.hasPrefix("nessus/") {
            let document = try XMLDocument(data: data)
            let items = try xpath(document, "//ReportHost/ReportItem")
            let severities = try xpath(document, "//ReportHost/ReportItem/@severity").map(\.stringValue)
            return Counts(hosts: try xpath(document, "//ReportHost").count, results: items.count,
                          findings: severities.filter { $0 != "0" }.count,
                          cves: Set(try xpath(document, "//ReportItem/cve").compactMap(\.stringValue)).count)
        }
        if file.hasPrefix("cyclonedx/"), file.hasSuffix(".xml") {
            let document = try XMLDocument(data: data)
            let vulnerabilities = try xpath(document, "//*[local-name()='vulnerabilities']/*[local-name()='vulnerability']")
            let ids = try xpath(document, "//*[local-name()='vulnerability']/*[local-name()='id']").compactMap(\.stringValue)
            return Counts(hosts: 1, results: vulnerabilities.count, findings: vulnerabilities.count,
                          cves: Set(ids.filter { $0.hasPrefix("CVE-") }).count)
        }
        let text = String(decoding: data, as: UTF8.self)
        let json: Any = (try? JSONSerialization.jsonObject(with: data))
            ?? text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) }
        if file.hasPrefix("nuclei/") {
            let objects = json as! [[String: Any]]
            let hosts = Set(objects.map { ($0["ip"] as? String) ?? ($0["host"] as! String) })
            let findings = objects.filter { (($0["info"] as! [String: Any])["severity"] as? String) != "info" }.count
            return Counts(hosts: hosts.count, results: objects.count, findings: findings, cves: 0)
        }
        if file.hasPrefix("trivy/") {
            let results = (json as! [String: Any])["Results"] as! [[String: Any]]
            let vulnerabilities = results.flatMap { ($0["Vulnerabilities"] as? [[String: Any]]) ?? [] }
            let ids = vulnerabilities.map { $0["VulnerabilityID"] as! String }
            return Counts(hosts: 1, results: vulnerabilities.count, findings: vulnerabilities.count,
                          cves: Set(ids.filter { $0.hasPrefix("CVE-") }).count)
        }
        let vulnerabilities = ((json as! [String: Any])["vulnerabilities"] as? [[String: Any]]) ?? []
        var cves = Set<String>()
        var results = 0
        for vulnerability in vulnerabilities {
            results += max(1, ((vulnerability["affects"] as? [Any]) ?? []).count)
            let id = vulnerability["id"] as! String
            if id.hasPrefix("CVE-") { cves.insert(id) }
            for reference in (vulnerability["references"] as? [[String: Any]]) ?? [] {
                if let id = reference["id"] as? String, id.hasPrefix("CVE-") { cves.insert(id) }
            }
        }
        return Counts(hosts: 1, results: results, findings: results, cves: cves.count)
    }

    // MARK: - Every sample

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"), arguments: [
        ("openvas/many_vuln.xml", ScanFormat.openvas), ("openvas/one_vuln.xml", .openvas),
        ("nessus/nessus_many_vuln.xml", .nessus), ("nessus/nessus_with_cvssv3.nessus", .nessus),
        ("nuclei/many_findings.json", .nuclei), ("nuclei/multiple_v3.json", .nuclei),
        ("trivy/scheme_2_many_vulns.json", .trivy), ("trivy/all_statuses.json", .trivy),
        ("cyclonedx/log4j.json", .cyclonedx), ("cyclonedx/log4j.xml", .cyclonedx),
        ("cyclonedx/nested-component-log4j.json", .cyclonedx), ("cyclonedx/valid-vulnerability-1.4.json", .cyclonedx),
    ])
    func countsMatchAnIndependentWalk(file: String, format: ScanFormat) throws {
        let report = try ScanReport.parse(Self.data(file))
        #expect(report.format == format)
        let expected = try Self.counted(file)
        let got = Counts(hosts: report.hosts.count, results: report.results.count,
                         findings: report.findingResults.count, cves: report.cveIDs.count)
        #expect(got == expected, "\(file)")
    }

    /// The figures of the samples, written out, so that a change of the walk above cannot hide a change.
    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"), arguments: [
        ("openvas/many_vuln.xml", 1, 44, 46), ("openvas/one_vuln.xml", 1, 1, 12),
        ("nessus/nessus_with_cvssv3.nessus", 1, 49, 136), ("nessus/nessus_many_vuln.xml", 1, 7, 0),
        ("nuclei/many_findings.json", 2, 18, 0), ("trivy/all_statuses.json", 1, 8, 7),
        ("cyclonedx/log4j.json", 1, 8, 4),
    ])
    func knownFigures(file: String, hosts: Int, results: Int, cves: Int) throws {
        let report = try ScanReport.parse(Self.data(file))
        #expect(report.hosts.count == hosts)
        #expect(report.results.count == results)
        #expect(report.cveIDs.count == cves)
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"))
    func openVASResultFields() throws {
        let report = try ScanReport.parse(Self.data("openvas/one_vuln.xml"))
        let result = try #require(report.results.first)
        #expect(report.hosts.first?.ipAddress == "10.0.101.2")
        #expect(result.hostKey == "10.0.101.2")
        #expect(result.ruleID == "1.3.6.1.4.1.25623.1.0.832260")
        #expect(result.name == "Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows")
        #expect(result.severity == .critical)
        #expect(result.cvss == 10.0)
        #expect(result.cves.first == "CVE-2023-4573")
        #expect(result.cves.count == 12)
        #expect(result.port == nil)
        #expect(result.proto == nil)
        #expect(result.solution?.hasPrefix("Upgrade to version 117 or later") == true)
        #expect(result.evidence?.hasPrefix("Installed version: 116.0.3") == true)
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"))
    func nessusHostSoftwareAndResult() throws {
        let report = try ScanReport.parse(Self.data("nessus/nessus_with_cvssv3.nessus"))
        let host = try #require(report.hosts.first)
        #expect(host.hostname == "testphp.vulnweb.com")
        #expect(host.software.contains { $0.ref == "cpe:/a:nginx:nginx:1.19.0" && $0.name == "Nginx" })
        let php = try #require(report.results.first { $0.ruleID == "31649" })
        #expect(php.name == "PHP 5.x < 5.2 Multiple Vulnerabilities")
        #expect(php.severity == .high)
        #expect(php.port == 80)
        #expect(php.proto == "tcp")
        #expect(php.cves.contains("CVE-2006-1015"))
        let (drafts, problems) = report.assetDrafts()
        #expect(problems.isEmpty)
        let nginx = try #require(drafts.first?.software["cpe:/a:nginx:nginx:1.19.0"])
        #expect(nginx.cpes.map(\.formattedString) == ["cpe:2.3:a:nginx:nginx:1.19.0:*:*:*:*:*:*:*"])
        #expect(nginx.kind == .software)
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"))
    func trivyPackagesAndVEX() throws {
        let report = try ScanReport.parse(Self.data("trivy/all_statuses.json"))
        #expect(report.hosts.first?.artifact == "noppaknopsta/example-app:main-159")
        let notAffected = report.results.filter { $0.vex == .notAffected }
        #expect(notAffected.count == 1)
        #expect(report.results.allSatisfy { $0.softwareRef != nil })
        let (drafts, _) = report.assetDrafts()
        #expect(drafts.first?.host.sourceKey == "artifact:noppaknopsta/example-app:main-159")
        #expect(drafts.first?.isArtifact == true)
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"))
    func cycloneDXVEXAndPackageURL() throws {
        let report = try ScanReport.parse(Self.data("cyclonedx/valid-vulnerability-1.4.json"))
        let result = try #require(report.results.first)
        #expect(result.ruleID == "SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111")
        #expect(result.cves == ["CVE-2018-7489"])
        #expect(result.vex == .notAffected)
        #expect(result.vexJustification?.contains("code_not_reachable") == true)
        #expect(result.severity == .critical)
        let log4j = try ScanReport.parse(Self.data("cyclonedx/log4j.json"))
        let (drafts, _) = log4j.assetDrafts()
        let component = try #require(drafts.first?.software.values.first)
        #expect(component.cpes.map(\.formattedString) == ["cpe:2.3:a:apache:log4j:2.13.2:*:*:*:*:*:*:*"])
        #expect(ScanReport.ruleSubject(format: .cyclonedx, ruleID: "GHSA-7rjr-3q55-vv33") == "GHSA-7rjr-3q55-vv33")
        #expect(ScanReport.ruleSubject(format: .nessus, ruleID: "19506") == "nessus:19506")
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/scans"))
    func cycloneDXXMLEqualsJSON() throws {
        let json = try ScanReport.parse(Self.data("cyclonedx/log4j.json"))
        let xml = try ScanReport.parse(Self.data("cyclonedx/log4j.xml"))
        #expect(xml.results.map(\.ruleID) == json.results.map(\.ruleID))
        #expect(xml.cveIDs == json.cveIDs)
        #expect(xml.hosts.first?.software.map(\.ref) == json.hosts.first?.software.map(\.ref))
    }

    // MARK: - Hostile input

    @Test func emptyAndUnknownFiles() {
        #expect(throws: ScanError.empty) { try ScanReport.parse(Data()) }
        #expect(throws: ScanError.empty) { try ScanReport.parse(Data("  \n\t".utf8)) }
        do {
            _ = try ScanReport.parse(Data("hello, world".utf8))
            Issue.record("no error")
        } catch {
            #expect(error.english.contains("Accepted formats: Greenbone/OpenVAS XML, Nessus v2"))
        }
        #expect(throws: ScanError.unknownFormat(found: "XML <nmaprun>")) { try ScanReport.parse(Data("<nmaprun></nmaprun>".utf8)) }
        #expect(throws: ScanError.unknownFormat(found: "đối tượng JSON với khóa / JSON object with keys a")) {
            try ScanReport.parse(Data(#"{"a": 1}"#.utf8))
        }
        #expect((try? ScanReport.parse(Data("[]".utf8)))?.results.isEmpty == true)
    }

    @Test func entitiesAndTruncationAreRefused() throws {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <NessusClientData_v2><Report><ReportHost name="10.0.0.1">&b;</ReportHost></Report></NessusClientData_v2>
        """
        #expect(throws: ScanError.xml(.entityDeclaration(line: 2))) { try ScanReport.parse(Data(bomb.utf8)) }
        let cut = "<NessusClientData_v2><Report><ReportHost name=\"10.0.0.1\"><ReportItem severity=\"2\" pluginID=\"1\""
        do {
            _ = try ScanReport.parse(Data(cut.utf8))
            Issue.record("no error")
        } catch {
            guard case .xml = error else { Issue.record("\(error)"); return }
        }
        let badSeverity = "<NessusClientData_v2><Report><ReportHost name=\"10.0.0.1\"><ReportItem severity=\"9\" pluginID=\"1\"/></ReportHost></Report></NessusClientData_v2>"
        #expect(throws: ScanError.xml(.invalidAttribute(line: 1, element: "ReportItem", attribute: "severity", value: "9"))) {
            try ScanReport.parse(Data(badSeverity.utf8))
        }
        #expect(throws: ScanError.jsonLine(line: 2, detail: "không phải một đối tượng JSON / not a JSON object")) {
            try ScanReport.parse(Data("{\"template-id\":\"x\",\"info\":{},\"host\":\"10.0.0.1\"}\n{oops\n".utf8))
        }
    }

    @Test func longTextsAreCut() {
        let long = String(repeating: "é", count: 10_000)
        let result = ScanResult(hostKey: "h", ruleID: long, name: long, severity: .low, cves: ["cve-2021-44228", "CVE-21-1", "x"],
                                evidence: long)
        #expect(result.name.unicodeScalars.count == ScanResult.nameLimit)
        #expect(result.evidence?.unicodeScalars.count == ScanResult.evidenceLimit)
        #expect(result.ruleID.hasSuffix("…"))
        #expect(result.cves == ["CVE-2021-44228"])
    }

    @Test func packageURLs() {
        let purl = PackageURL("pkg:maven/org.springframework/spring-webmvc@5.3.17?type=jar")
        #expect(purl?.namespace == "org.springframework")
        #expect(purl?.name == "spring-webmvc")
        #expect(purl?.version == "5.3.17")
        #expect(purl?.cpe?.formattedString == "cpe:2.3:a:vmware:spring_framework:5.3.17:*:*:*:*:*:*:*")
        #expect(PackageURL("pkg:deb/debian/openssl@1.1.1n-0+deb10u3")?.cpe == nil)
        #expect(PackageURL("pkg:npm/lodash")?.cpe == nil)
        #expect(PackageURL("not a purl") == nil)
    }
}
