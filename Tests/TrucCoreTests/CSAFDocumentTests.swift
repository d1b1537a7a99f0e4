import Foundation
import Testing
import TrucCore

/// CSAF 2.0 documents: the eight shared advisories (`../shared/data/csaf`, skipped when absent).
@Suite struct CSAFDocumentTests {
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TrucCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository
        .deletingLastPathComponent() // its parent, which holds shared/
        .appendingPathComponent("shared/data/csaf")
    static let hasSharedData = FileManager.default.fileExists(atPath: directory.path)

    static func document(_ file: String) throws -> CSAFDocument {
        try CSAFDocument(data: Data(contentsOf: directory.appendingPathComponent(file)))
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/csaf"), arguments: [
        ("cisa-icsa-23-103-13.json", "ICSA-23-103-13", 2),
        ("cisa-icsa-23-348-14.json", "ICSA-23-348-14", 9),
        ("cisa-va-24-254-01.json", "VA-24-254-01", 3),
        ("oasis-2022-evd-uc-01-a-001.json", "2022-EVD-UC-01-A-001", 1),
        ("oasis-2022-evd-uc-02-na-001.json", "2022-EVD-UC-02-NA-001", 19),
        ("oasis-bsi-2022-0001.json", "BSI-2022-0001", 1),
        ("oasis-cisco-sa-20180328-smi2.json", "cisco-sa-20180328-smi2", 1),
        ("oasis-rhsa-2022_0011.json", "RHSA-2022:0011", 1),
    ])
    func everySharedDocumentParses(file: String, trackingID: String, vulnerabilities: Int) throws {
        let document = try Self.document(file)
        #expect(document.trackingID == trackingID)
        #expect(!document.title.isEmpty && !document.publisher.isEmpty)
        #expect(document.initialRelease != nil && document.currentRelease != nil)
        #expect(document.vulnerabilities.count == vulnerabilities)
        #expect(!document.products.isEmpty)
        // Every product id a vulnerability names is in the product table.
        for vulnerability in document.vulnerabilities {
            for id in vulnerability.knownAffected + vulnerability.fixed + vulnerability.knownNotAffected {
                #expect(document.products[id] != nil, "\(file): \(id)")
            }
        }
        let records = document.cveRecords()
        #expect(records.count == vulnerabilities)
        #expect(records.allSatisfy { CVERecord.isValidID($0.id) && !$0.description.isEmpty })
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/csaf"))
    func bsiAdvisoryGivesCPEConfiguration() throws {
        let document = try Self.document("oasis-bsi-2022-0001.json")
        #expect(document.tlp == "WHITE")
        #expect(document.publisher == "Bundesamt für Sicherheit in der Informationstechnik")
        let alpha = try #require(document.products["CSAFPID-0001"])
        #expect(alpha.name == "CSAF Tools › CVRF-CSAF-Converter › 1.0.0-alpha")
        #expect(alpha.cpe == (try CPEName(parsing: "cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha")))
        let vulnerability = try #require(document.vulnerabilities.first)
        #expect(vulnerability.knownAffected == ["CSAFPID-0001", "CSAFPID-0002", "CSAFPID-0003", "CSAFPID-0004",
                                                "CSAFPID-0005"])
        #expect(vulnerability.fixed == ["CSAFPID-0006"]) // fixed and first_fixed, once
        #expect(vulnerability.remediations.first?.category == "vendor_fix")
        #expect(vulnerability.remediations.first?.url
            == "https://github.com/csaf-tools/CVRF-CSAF-Converter/releases/tag/1.0.0-rc2")

        let record = try #require(document.cveRecords().first)
        #expect(record.id == "CVE-2022-27193")
        #expect(record.description.hasPrefix("CSAF Tools CVRF-CSAF-Converter 1.0.0-rc1 resolves XML External Entities"))
        #expect(record.weaknesses == ["CWE-611"])
        let metric = try #require(record.primaryMetric)
        #expect(metric.version == "3.1" && metric.baseScore == 6.1 && metric.feedScore == 6.1)
        #expect(record.configurations.count == 1)
        let criteria = record.configurations.flatMap(\.allCriteria)
        #expect(criteria.count == 5 && criteria.allSatisfy(\.vulnerable))
        #expect(criteria.first?.criteria.formattedString == "cpe:2.3:a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha:*:*:*:*:*:*:*")
        #expect(document.productsWithoutCPE.isEmpty)
        // The record matches an asset running an affected version, not the fixed one.
        let affected = CPETarget(try CPEName(parsing: "cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc1"))
        let fixed = CPETarget(try CPEName(parsing: "cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc2"))
        #expect(CPEConfiguration.evaluate(record.configurations, targets: [affected])?.verdict == .match)
        #expect(CPEConfiguration.evaluate(record.configurations, targets: [fixed]) == nil)
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/csaf"))
    func redHatRelationships() throws {
        let document = try Self.document("oasis-rhsa-2022_0011.json")
        let rhel = try #require(document.products["7Server-7.6.AUS"])
        #expect(rhel.cpe == (try CPEName(parsing: "cpe:/o:redhat:rhel_aus:7.6::server")))
        #expect(rhel.name == "Red Hat › Red Hat Enterprise Linux › Red Hat Enterprise Linux Server AUS (v. 7.6)")
        let component = try #require(document.products["7Server-7.6.AUS:telnet-1:0.17-65.el7_6.src"])
        #expect(component.name == "telnet-1:0.17-65.el7_6.src as a component of Red Hat Enterprise Linux Server AUS (v. 7.6)")
        #expect(component.cpe == nil) // the package (product_reference) has none
        let vulnerability = try #require(document.vulnerabilities.first)
        #expect(vulnerability.fixed.count == 15 && vulnerability.knownAffected.isEmpty)
        #expect(vulnerability.remediations.first?.productIDs.contains("7Server-7.6.AUS:telnet-1:0.17-65.el7_6.src") == true)
        let record = try #require(document.cveRecords().first)
        #expect(record.id == "CVE-2020-10188")
        // No description or summary note: the "general" note stands in.
        #expect(record.description.hasPrefix("telnet-server: no bounds checks in nextitem()"))
        #expect(record.configurations.isEmpty) // nothing is known affected
        #expect(record.published == Fixture.utc(2020, 2, 28))
        #expect(record.references.contains("https://access.redhat.com/errata/RHSA-2022:0011"))
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/csaf"))
    func siemensVersionRangesWithoutCPE() throws {
        let document = try Self.document("cisa-icsa-23-103-13.json")
        let product = try #require(document.products["CSAFPID-0001"])
        #expect(product.name == "Siemens › SCALANCE X200-4P IRT (6GK5200-4AH00-2BA3) › vers:all/<V5.5.2")
        #expect(product.cpe == nil)
        #expect(document.productsWithoutCPE.count == document.products.count)
        #expect(document.productsWithoutCPE.first == product.name)
        let records = document.cveRecords()
        #expect(records.map(\.id) == ["CVE-2020-28895", "CVE-2020-35198"])
        #expect(records.allSatisfy { $0.configurations.isEmpty && !$0.problems.isEmpty })
        // Temporal metrics of the advisory are kept in the vector; the base score ignores them.
        #expect(records[0].metrics.first?.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/E:P/RL:O/RC:C")
        #expect(records[0].metrics.first?.baseScore == 7.3)
        #expect(document.vulnerabilities[0].remediations.map(\.category).contains("no_fix_planned"))
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/csaf"))
    func vexStatuses() throws {
        let notAffected = try Self.document("oasis-2022-evd-uc-02-na-001.json")
        #expect(notAffected.vulnerabilities.allSatisfy { $0.knownNotAffected == ["CSAFPID-0001"] && $0.knownAffected.isEmpty })
        #expect(notAffected.productsWithoutCPE.isEmpty)
        let ibm = try Self.document("cisa-va-24-254-01.json")
        #expect(ibm.vulnerabilities[0].knownAffected == ["CSAFPID-0001"])
        #expect(ibm.vulnerabilities[0].fixed == ["CSAFPID-0002"])
        #expect(ibm.vulnerabilities[0].title == "IBM webMethods Integration allows privilege escalation via scheduled task using runAsUser")
        #expect(ibm.productsWithoutCPE == ["IBM › webMethods Integration › 10.15"])
    }

    @Test(arguments: [#"{"document": {"title": "x"}}"#, #"{"vulnerabilities": []}"#, "[1]", "{not json",
                      #"{"document": {"tracking": {"id": 5}}}"#])
    func notCSAFThrowsAClearError(text: String) throws {
        do {
            _ = try CSAFDocument(data: Data(text.utf8))
            Issue.record("no error for \(text)")
        } catch {
            guard case .unknownFormat(let detail) = error else { Issue.record("\(error)"); return }
            #expect(detail.hasPrefix("not a CSAF document") || detail.hasPrefix("not JSON"), "\(detail)")
            #expect(error.vietnamese.hasPrefix("Không nhận ra định dạng nguồn dữ liệu"))
        }
    }

    @Test func minimalDocumentWithFullProductNames() throws {
        let json = #"""
        {"document": {"category": "csaf_base", "csaf_version": "2.0", "title": "T", "publisher": {"name": "P"},
                      "tracking": {"id": "X-1", "initial_release_date": "2024-01-01T00:00:00+07:00"}},
         "product_tree": {"full_product_names": [
             {"name": "Foo 1.0", "product_id": "P1",
              "product_identification_helper": {"cpe": "cpe:2.3:a:foo:foo:1.0:*:*:*:*:*:*:*", "purl": "pkg:generic/foo@1.0"}},
             {"name": "Bar", "product_id": "P2", "product_identification_helper": {"cpe": "not a cpe"}}],
           "relationships": [{"category": "installed_on", "product_reference": "P1", "relates_to_product_reference": "P2",
                              "full_product_name": {"name": "", "product_id": "P3"}}]},
         "vulnerabilities": [{"cve": "CVE-2024-9999", "notes": [{"category": "description", "text": "A"},
                                                               {"category": "summary", "text": "B"},
                                                               {"category": "details", "text": "C"}],
                              "scores": [{"cvss_v2": {"vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5}},
                                         {"cvss_v3": {"vectorString": "bogus"}}],
                              "product_status": {"known_affected": ["P3", "P2"], "under_investigation": ["P1"]}},
                             {"title": "no CVE", "product_status": {"last_affected": ["P1"]}}]}
        """#
        let document = try CSAFDocument(data: Data(json.utf8))
        #expect(document.initialRelease == Fixture.utc(2023, 12, 31, 17))
        #expect(document.products["P1"]?.purl == "pkg:generic/foo@1.0")
        #expect(document.products["P2"]?.cpe == nil)
        let relationship = try #require(document.products["P3"])
        #expect(relationship.name == "Foo 1.0 installed on Bar")
        #expect(relationship.cpe == document.products["P1"]?.cpe && relationship.purl == "pkg:generic/foo@1.0")
        let vulnerability = document.vulnerabilities[0]
        #expect(vulnerability.summary == "A\n\nB")
        #expect(vulnerability.metrics.map(\.version) == ["2.0"])
        #expect(vulnerability.underInvestigation == ["P1"])
        #expect(document.vulnerabilities[1].knownAffected == ["P1"])
        #expect(document.productsWithoutCPE == ["Bar"])
        let records = document.cveRecords()
        #expect(records.map(\.id) == ["CVE-2024-9999"])
        #expect(records[0].configurations.flatMap(\.allCriteria).map(\.criteria.formattedString)
            == ["cpe:2.3:a:foo:foo:1.0:*:*:*:*:*:*:*"])
        #expect(records[0].problems.count == 1)
    }
}
