import Testing
import TrucCore

@Suite struct CPEConfigurationTests {
    func cpe(_ text: String) throws -> CPEName { try CPEName(parsing: text) }

    func criterion(_ text: String, vulnerable: Bool = true) throws -> CPEMatchCriterion {
        try CPEMatchCriterion(criteria: text, vulnerable: vulnerable)
    }

    /// Firmware vulnerable only on a listed hardware model: AND(OR(firmware, vulnerable), OR(hardware, not)).
    func firmwareOnHardware() throws -> CPEConfiguration {
        CPEConfiguration(.and, nodes: [
            .init(.or, criteria: [try criterion("cpe:2.3:o:acme:router_firmware:1.0:*:*:*:*:*:*:*"),
                                  try criterion("cpe:2.3:o:acme:router_firmware:1.1:*:*:*:*:*:*:*")]),
            .init(.or, criteria: [try criterion("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*", vulnerable: false)]),
        ])
    }

    @Test func firmwareAndHardwareBothNeeded() throws {
        let configuration = try firmwareOnHardware()
        let firmware = try cpe("cpe:2.3:o:acme:router_firmware:1.1:*:*:*:*:*:*:*")
        let hardware = try cpe("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*")
        let match = try #require(configuration.evaluate(assetCPEs: [firmware, hardware]))
        #expect(match.verdict == .match)
        #expect(match.hits.count == 1)
        #expect(match.hits.first?.criterion.criteria == firmware)
        #expect(match.hits.first?.asset == firmware)
        #expect(match.hits.first?.verdict == .match)
        // The firmware alone may be affected: the asset does not say which hardware it runs on (check it); the
        // hardware alone is not affected, nor the firmware on another model.
        let open = try #require(configuration.evaluate(assetCPEs: [firmware]))
        #expect(open.verdict == .unknown)
        #expect(open.platformChecks == ["router"])
        #expect(configuration.evaluate(assetCPEs: [hardware]) == nil)
        #expect(try configuration.evaluate(assetCPEs: [cpe("cpe:2.3:o:acme:router_firmware:2.0:*:*:*:*:*:*:*"), hardware])
            == nil)
        #expect(configuration.evaluate(assetCPEs: []) == nil)
        #expect(configuration.allCriteria.count == 3)
    }

    @Test func unknownFirmwareVersionIsAPossibleMatch() throws {
        let configuration = try firmwareOnHardware()
        let match = try #require(configuration.evaluate(assetCPEs: [
            cpe("cpe:2.3:o:acme:router_firmware:*:*:*:*:*:*:*:*"), cpe("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*"),
        ]))
        #expect(match.verdict == .unknown)
        #expect(match.hits.map(\.verdict) == [.unknown, .unknown])
    }

    /// The 1.1 feed shape: one AND node with OR children.
    @Test func nestedChildrenAsInThe11Feed() throws {
        let feed11 = CPEConfiguration(nodes: [
            .init(.and, children: [
                .init(.or, criteria: [try criterion("cpe:2.3:o:acme:router_firmware:1.1:*:*:*:*:*:*:*")]),
                .init(.or, criteria: [try criterion("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*", vulnerable: false)]),
            ]),
        ])
        let assets = [try cpe("cpe:2.3:o:acme:router_firmware:1.1:*:*:*:*:*:*:*"), try cpe("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*")]
        #expect(feed11.evaluate(assetCPEs: assets)?.verdict == .match)
        #expect(feed11.evaluate(assetCPEs: [assets[0]])?.verdict == .unknown)
        #expect(feed11.evaluate(assetCPEs: [assets[0]])?.platformChecks == ["router"])
    }

    /// CVE-2022-22965 (Spring4Shell) as NVD configures it: Spring Framework in the vulnerable ranges AND a JDK ≥ 9
    /// platform. An asset listing Spring and no JDK gets a possible finding that names the JDK to check; one
    /// listing a JDK 8 gets none; one listing a JDK 11 gets a certain one.
    @Test func spring4ShellWithoutTheJDKIsAPossibleFinding() throws {
        let springRecent = try CPEMatchCriterion(criteria: "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*", vulnerable: true,
                                             versionStartIncluding: "5.3.0", versionEndExcluding: "5.3.18")
        let springOld = try CPEMatchCriterion(criteria: "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*", vulnerable: true,
                                              versionEndExcluding: "5.2.20")
        let jdk = try CPEMatchCriterion(criteria: "cpe:2.3:a:oracle:jdk:*:*:*:*:*:*:*:*", vulnerable: false, versionStartIncluding: "9")
        let configuration = CPEConfiguration(.and, nodes: [
            .init(.or, criteria: [springRecent, springOld]),
            .init(.or, criteria: [jdk]),
        ])
        let spring = try cpe("cpe:2.3:a:vmware:spring_framework:5.3.17:*:*:*:*:*:*:*")
        let possible = try #require(configuration.evaluate(assetCPEs: [spring]))
        #expect(possible.verdict == .unknown)
        #expect(possible.platformChecks == ["jdk ≥ 9"])
        let shown = try #require(AssetMatch(cveID: "CVE-2022-22965", match: possible))
        #expect(shown.verdict == .unknown)
        #expect(shown.criterion == "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:* (≥ 5.3.0, < 5.3.18) — cần kiểm tra / check: jdk ≥ 9")
        #expect(try configuration.evaluate(assetCPEs: [spring, cpe("cpe:2.3:a:oracle:jdk:1.8.0:*:*:*:*:*:*:*")]) == nil)
        let certain = try #require(try configuration.evaluate(assetCPEs: [spring, cpe("cpe:2.3:a:oracle:jdk:11.0.2:*:*:*:*:*:*:*")]))
        #expect(certain.verdict == .match)
        #expect(certain.platformChecks.isEmpty)
        // A fixed Spring gets nothing, JDK or not.
        #expect(try configuration.evaluate(assetCPEs: [cpe("cpe:2.3:a:vmware:spring_framework:5.3.18:*:*:*:*:*:*:*")]) == nil)
    }

    @Test func onlyVulnerableCriteriaProduceFindings() throws {
        let platformOnly = CPEConfiguration(nodes: [
            .init(.or, criteria: [try criterion("cpe:2.3:o:microsoft:windows_10:1709:*:*:*:*:*:*:*", vulnerable: false)]),
        ])
        #expect(try platformOnly.evaluate(assetCPEs: [cpe("cpe:2.3:o:microsoft:windows_10:1709:*:*:*:*:*:*:*")]) == nil)
    }

    @Test func orCollectsEveryMatchingVulnerableCriterion() throws {
        let configuration = CPEConfiguration(nodes: [
            .init(.or, criteria: [
                try criterion("cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*"),
                try criterion("cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*"),
                try criterion("cpe:2.3:a:acme:other:*:*:*:*:*:*:*:*"),
            ]),
        ])
        let match = try #require(configuration.evaluate(assetCPEs: [cpe("cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*")]))
        #expect(match.hits.count == 2)
    }

    @Test func failedBranchesContributeNoHits() throws {
        // OR( AND(a vulnerable, platform missing), b vulnerable )
        let configuration = CPEConfiguration(nodes: [
            .init(.or, criteria: [try criterion("cpe:2.3:a:acme:b:*:*:*:*:*:*:*:*")], children: [
                .init(.and, criteria: [
                    try criterion("cpe:2.3:a:acme:a:*:*:*:*:*:*:*:*"),
                    try criterion("cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*", vulnerable: false),
                ]),
            ]),
        ])
        let match = try #require(configuration.evaluate(assetCPEs: [
            cpe("cpe:2.3:a:acme:a:1:*:*:*:*:*:*:*"), cpe("cpe:2.3:a:acme:b:1:*:*:*:*:*:*:*"),
        ]))
        #expect(match.hits.map(\.criterion.criteria.product) == [.value("b")])
    }

    @Test func negatedNodesExclude() throws {
        // Vulnerable on every OS except acme os 2.0: AND(app, NOT(os 2.0)).
        let configuration = CPEConfiguration(.and, nodes: [
            .init(.or, criteria: [try criterion("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*")]),
            .init(.or, negate: true, criteria: [try criterion("cpe:2.3:o:acme:os:2.0:*:*:*:*:*:*:*", vulnerable: false)]),
        ])
        let app = try cpe("cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*")
        #expect(configuration.evaluate(assetCPEs: [app])?.verdict == .match)
        #expect(try configuration.evaluate(assetCPEs: [app, cpe("cpe:2.3:o:acme:os:1.0:*:*:*:*:*:*:*")])?.verdict == .match)
        #expect(try configuration.evaluate(assetCPEs: [app, cpe("cpe:2.3:o:acme:os:2.0:*:*:*:*:*:*:*")]) == nil)
        #expect(try configuration.evaluate(assetCPEs: [app, cpe("cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*")])?.verdict == .unknown)
        // A negated configuration yields no hits of its own.
        var negated = configuration
        negated.negate = true
        #expect(negated.evaluate(assetCPEs: [app]) == nil)
    }

    @Test func severalConfigurationsOfOneCVE() throws {
        let first = try firmwareOnHardware()
        let second = CPEConfiguration(nodes: [.init(.or, criteria: [try criterion("cpe:2.3:a:acme:web_ui:*:*:*:*:*:*:*:*")])])
        let targets = try [
            cpe("cpe:2.3:o:acme:router_firmware:1.0:*:*:*:*:*:*:*"), cpe("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*"),
            cpe("cpe:2.3:a:acme:web_ui:3:*:*:*:*:*:*:*"),
        ].map(CPETarget.init)
        let match = try #require(CPEConfiguration.evaluate([first, second], targets: targets))
        #expect(match.verdict == .match)
        #expect(match.hits.count == 2)
        #expect(CPEConfiguration.evaluate([first, second], targets: [targets[2]])?.hits.count == 1)
        #expect(CPEConfiguration.evaluate([], targets: targets) == nil)
    }

    @Test func emptyNodesMatchNothing() {
        #expect(CPEConfiguration(nodes: []).evaluate(assetCPEs: []) == nil)
        #expect(CPEConfiguration(nodes: [.init(.and)]).evaluate(assetCPEs: []) == nil)
    }
}
