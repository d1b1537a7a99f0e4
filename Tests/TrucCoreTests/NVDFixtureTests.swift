import Testing
import TrucCore

/// Matching against configurations cut from the real NVD feeds (see Fixtures/README.md).
@Suite struct NVDFixtureTests {
    static let files = ["nvd11-cisco-ios.json", "nvd11-router-firmware-hardware.json", "nvd11-microsoft.json",
                        "nvd11-struts.json", "nvd2-records.json"]

    func configurations(_ file: String, _ cve: String) throws -> [CPEConfiguration] {
        try #require(try NVDFixture.configurations(file)[cve])
    }

    func evaluate(_ configurations: [CPEConfiguration], _ assets: [String]) throws -> CPEConfiguration.Match? {
        CPEConfiguration.evaluate(configurations, targets: try assets.map { CPETarget(try CPEName(parsing: $0)) })
    }

    func verdict(_ configurations: [CPEConfiguration], _ assets: String...) throws -> MatchVerdict {
        try evaluate(configurations, assets)?.verdict ?? .noMatch
    }

    @Test(arguments: files)
    func everyCriteriaStringParsesAndRoundTrips(file: String) throws {
        let strings = try NVDFixture.criteriaStrings(file)
        #expect(!strings.isEmpty)
        for string in strings {
            #expect(try CPEName(parsing: string).formattedString == string)
        }
    }

    @Test func ciscoIOSExactVersions() throws {
        // CVE-2017-3803: IOS 15.2(2)E3 and 15.2(4)E1 on Catalyst 2960X/3750X.
        let cve = try configurations("nvd11-cisco-ios.json", "CVE-2017-3803")
        let match = try #require(try evaluate(cve, [#"cpe:2.3:o:cisco:ios:15.2\(4\)e1:*:*:*:*:*:*:*"#]))
        #expect(match.verdict == .match)
        #expect(match.hits.map(\.criterion.criteria.formattedString) == [#"cpe:2.3:o:cisco:ios:15.2\(4\)e1:*:*:*:*:*:*:*"#])
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:15.2\(2\)e3:*:*:*:*:*:*:*"#) == .match)
        // As an inventory would give it.
        let raw = try CPEName(part: .operatingSystem, vendor: "Cisco", product: "IOS", version: "15.2(2)E3")
        #expect(CPEConfiguration.evaluate(cve, targets: [CPETarget(raw)])?.verdict == .match)
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:15.2\(4\)e2:*:*:*:*:*:*:*"#) == .noMatch)
        #expect(try verdict(cve, "cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*") == .unknown)
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios_xe:15.2\(4\)e1:*:*:*:*:*:*:*"#) == .noMatch)
    }

    @Test func ciscoIOSRanges() throws {
        // CVE-2017-6736 (SNMP): IOS 12.0–12.4 and 15.0–15.6, IOS XE 2.2.0–3.17.
        let cve = try configurations("nvd11-cisco-ios.json", "CVE-2017-6736")
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#) == .match)
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:12.2\(55\)se:*:*:*:*:*:*:*"#) == .match)
        #expect(try verdict(cve, "cpe:2.3:o:cisco:ios:15.6:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:15.7\(3\)m:*:*:*:*:*:*:*"#) == .noMatch)
        #expect(try verdict(cve, "cpe:2.3:o:cisco:ios:11.3:*:*:*:*:*:*:*") == .noMatch)
        // Read literally, "through 15.6" ends before 15.6(3)M: vendor trains are not known to the comparison.
        #expect(try verdict(cve, #"cpe:2.3:o:cisco:ios:15.6\(3\)m:*:*:*:*:*:*:*"#) == .noMatch)
        #expect(try verdict(cve, "cpe:2.3:o:cisco:ios_xe:3.16.5s:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(cve, "cpe:2.3:o:cisco:ios_xe:16.3.1:*:*:*:*:*:*:*") == .noMatch)
    }

    @Test func routerFirmwareOnlyWithItsHardware() throws {
        // CVE-2017-13772: TP-Link WR940N firmware (vulnerable) AND hardware version 4 (platform).
        let cve = try configurations("nvd11-router-firmware-hardware.json", "CVE-2017-13772")
        let firmware = "cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*"
        let hardware = "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"
        let match = try #require(try evaluate(cve, [firmware, hardware]))
        #expect(match.verdict == .match)
        #expect(match.hits.count == 1)
        #expect(match.hits.first?.criterion.vulnerable == true)
        #expect(match.hits.first?.asset.formattedString == firmware)
        // The firmware alone: the asset names no hardware, so it may be affected (check the model).
        #expect(try evaluate(cve, [firmware])?.verdict == .unknown)
        #expect(try evaluate(cve, [firmware])?.platformChecks == ["wr940n 4"])
        #expect(try evaluate(cve, [hardware]) == nil)
        #expect(try verdict(cve, firmware, "cpe:2.3:h:tp-link:wr940n:2:*:*:*:*:*:*:*") == .noMatch)
        // NVD lists the firmware as "-": a concrete firmware version cannot be ruled in or out.
        #expect(try verdict(cve, "cpe:2.3:o:tp-link:wr940n_firmware:3.16.9:*:*:*:*:*:*:*", hardware) == .unknown)
        // Hardware of unknown revision.
        #expect(try verdict(cve, firmware, "cpe:2.3:h:tp-link:wr940n:*:*:*:*:*:*:*:*") == .unknown)
    }

    @Test func dlinkVendorSpelling() throws {
        // CVE-2017-5633: D-Link DI-524 firmware 9.01 AND hardware; NVD spells the hardware vendor "dlink".
        let cve = try configurations("nvd11-router-firmware-hardware.json", "CVE-2017-5633")
        let firmware = "cpe:2.3:o:d-link:di-524_firmware:9.01:*:*:*:*:*:*:*"
        #expect(try verdict(cve, firmware, "cpe:2.3:h:dlink:di-524:-:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(cve, "cpe:2.3:o:d-link:di-524_firmware:9.02:*:*:*:*:*:*:*",
                            "cpe:2.3:h:dlink:di-524:-:*:*:*:*:*:*:*") == .noMatch)
        // Names are compared exactly: the inconsistent vendor spelling does not match.
        #expect(try verdict(cve, firmware, "cpe:2.3:h:d-link:di-524:-:*:*:*:*:*:*:*") == .noMatch)
    }

    @Test func microsoftRangesAndPlatform() throws {
        // CVE-2017-11908: (ChakraCore < 1.7.5 or Edge) AND Windows 10 1709.
        let chakra = try configurations("nvd11-microsoft.json", "CVE-2017-11908")
        let windows = "cpe:2.3:o:microsoft:windows_10:1709:*:*:*:*:*:*:*"
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:chakracore:1.7.4:*:*:*:*:*:*:*", windows) == .match)
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:chakracore:1.7.5:*:*:*:*:*:*:*", windows) == .noMatch)
        // No operating system named: possible, with Windows 10 1709 to check.
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:chakracore:1.7.4:*:*:*:*:*:*:*") == .unknown)
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:chakracore:1.7.4:*:*:*:*:*:*:*",
                            "cpe:2.3:o:microsoft:windows_server_2016:-:*:*:*:*:*:*:*") == .noMatch)
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:chakracore:1.7.4:*:*:*:*:*:*:*",
                            "cpe:2.3:o:microsoft:windows_10:1703:*:*:*:*:*:*:*") == .noMatch)
        #expect(try verdict(chakra, "cpe:2.3:a:microsoft:edge:-:*:*:*:*:*:*:*", windows) == .match)
        let both = try #require(try evaluate(chakra, ["cpe:2.3:a:microsoft:chakracore:1.6.0:*:*:*:*:*:*:*",
                                                      "cpe:2.3:a:microsoft:edge:-:*:*:*:*:*:*:*", windows]))
        #expect(both.hits.map(\.criterion.criteria.product) == [.value("chakracore"), .value("edge")])

        // CVE-2017-8613: Azure AD Connect <= 1.1.524.0.
        let aad = try configurations("nvd11-microsoft.json", "CVE-2017-8613")
        let product = "cpe:2.3:a:microsoft:azure_active_directory_connect"
        #expect(try verdict(aad, "\(product):1.1.524.0:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(aad, "\(product):1.1.524:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(aad, "\(product):1.1.553.0:*:*:*:*:*:*:*") == .noMatch)
        #expect(try verdict(aad, "\(product):*:*:*:*:*:*:*:*") == .unknown)
    }

    @Test func strutsRanges() throws {
        // CVE-2017-5638 (the Equifax Struts bug): 2.3.5–2.3.31 and 2.5–2.5.10 per NVD: [2.2.3, 2.3.32) and [2.5.0, 2.5.10.1).
        let cve = try configurations("nvd11-struts.json", "CVE-2017-5638")
        #expect(cve.count > 5)
        let struts = "cpe:2.3:a:apache:struts"
        for version in ["2.2.3", "2.3.5", "2.3.31", "2.5", "2.5.10"] {
            #expect(try verdict(cve, "\(struts):\(version):*:*:*:*:*:*:*") == .match, "\(version)")
        }
        for version in ["2.2.2", "2.3.32", "2.4", "2.5.10.1", "2.5.12"] {
            #expect(try verdict(cve, "\(struts):\(version):*:*:*:*:*:*:*") == .noMatch, "\(version)")
        }
        // IBM Storwize firmware only on its hardware.
        let firmware = "cpe:2.3:o:ibm:storwize_v3500_firmware:7.8.1.0:*:*:*:*:*:*:*"
        #expect(try verdict(cve, firmware, "cpe:2.3:h:ibm:storwize_v3500:-:*:*:*:*:*:*:*") == .match)
        // Without a hardware model named: possible; on another model: none.
        #expect(try verdict(cve, firmware) == .unknown)
        #expect(try verdict(cve, firmware, "cpe:2.3:h:ibm:storwize_v5000:-:*:*:*:*:*:*:*") == .noMatch)
    }

    @Test func api20RecordWithoutConfigurations() throws {
        let record = try configurations("nvd2-records.json", "CVE-2024-3400")
        #expect(record.isEmpty)
        #expect(try verdict(record, "cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:*:*:*:*:*:*:*") == .noMatch)
    }

    @Test func api20CitrixBuildNumbersAndEditions() throws {
        // CVE-2023-4966 (Citrix Bleed).
        let cve = try configurations("nvd2-records.json", "CVE-2023-4966")
        let adc = "cpe:2.3:a:citrix:netscaler_application_delivery_controller"
        #expect(try verdict(cve, "\(adc):13.1-49.14:*:*:*:-:*:*:*") == .match)
        #expect(try verdict(cve, "\(adc):13.1-49.15:*:*:*:-:*:*:*") == .noMatch)
        #expect(try verdict(cve, "\(adc):13.1-37.163:*:*:*:fips:*:*:*") == .match)
        #expect(try verdict(cve, "\(adc):13.1-37.164:*:*:*:fips:*:*:*") == .noMatch)
        // Edition not recorded on the asset: a possible finding.
        let possible = try #require(try evaluate(cve, ["\(adc):13.1-49.14:*:*:*:*:*:*:*"]))
        #expect(possible.verdict == .unknown)
        #expect(possible.hits.count == 1)
        #expect(possible.hits.first?.criterion.id == "5C1739C5-48C1-46BC-A524-B4CC4C5B6436")
        #expect(try verdict(cve, "cpe:2.3:a:citrix:netscaler_gateway:14.1-8.49:*:*:*:*:*:*:*") == .match)
        #expect(try verdict(cve, "cpe:2.3:a:citrix:netscaler_gateway:14.1-8.50:*:*:*:*:*:*:*") == .noMatch)
        #expect(try verdict(cve, "cpe:2.3:a:citrix:netscaler_gateway:12.1-55.299:*:*:*:*:*:*:*") == .noMatch)
    }

    @Test func sameConfigurationInBothFormats() throws {
        // CVE-2017-13772 as a 1.1 AND node with children and as an API 2.0 configuration with operator AND.
        let feed11 = try configurations("nvd11-router-firmware-hardware.json", "CVE-2017-13772")
        let api20 = try configurations("nvd2-records.json", "CVE-2017-13772")
        #expect(api20.count == 1 && api20[0].operator == .and && api20[0].nodes.count == 2)
        #expect(feed11.count == 1 && feed11[0].nodes.count == 1 && feed11[0].nodes[0].children.count == 2)
        let assetSets = [
            ["cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*", "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"],
            ["cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*"],
            ["cpe:2.3:o:tp-link:wr940n_firmware:*:*:*:*:*:*:*:*", "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"],
            ["cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"],
        ]
        for assets in assetSets {
            let a = try evaluate(feed11, assets)
            let b = try evaluate(api20, assets)
            #expect(a?.verdict == b?.verdict, "\(assets)")
            #expect(a?.hits.map(\.criterion.criteria) == b?.hits.map(\.criterion.criteria))
        }
    }
}
