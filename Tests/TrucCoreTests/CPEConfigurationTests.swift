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
        // The firmware alone, or the hardware alone, is not affected.
        #expect(configuration.evaluate(assetCPEs: [firmware]) == nil)
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
        #expect(feed11.evaluate(assetCPEs: [assets[0]]) == nil)
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
