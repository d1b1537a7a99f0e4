import Foundation
import Testing
import TrucCore

/// `ProductScope` must never leave out a CVE that can match: an index of only the CVEs the scope of an asset's names
/// covers gives that asset exactly the matches of the whole index.
@Suite struct ProductScopeTests {
    static func expectSameMatches(_ entries: [VulnerabilityIndex.Entry], full: VulnerabilityIndex, assets: [[CPETarget]],
                                  sourceLocation: SourceLocation = #_sourceLocation) -> (matched: Int, leftOut: Int) {
        var matched = 0
        var leftOut = 0
        let keys = entries.map { ProductKey.vulnerableKeys(of: $0.configurations) }
        for asset in assets {
            let scope = ProductScope(asset.map(\.name))
            let covered = entries.indices.filter { keys[$0].contains(where: scope.covers) }.map { entries[$0] }
            leftOut += entries.count - covered.count
            let expected = full.match(asset)
            #expect(VulnerabilityIndex(covered).match(asset) == expected, "\(asset.map(\.name))", sourceLocation: sourceLocation)
            if !expected.isEmpty { matched += 1 }
        }
        return (matched, leftOut)
    }

    @Test func onlyCoveredCVEsGiveTheSameMatchesOnTheFixtures() throws {
        let entries = try VulnerabilityIndexTests.fixtureEntries()
        let full = VulnerabilityIndex(entries)
        let handWritten: [[String]] = [
            ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"],
            ["cpe:2.3:o:cisco:ios:15.2\\(4\\)e1:*:*:*:*:*:*:*", "cpe:2.3:h:cisco:catalyst_2960x:-:*:*:*:*:*:*:*"],
            ["cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*", "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"],
            ["cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:microsoft:edge:-:*:*:*:*:*:*:*", "cpe:2.3:o:microsoft:windows_10:*:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:*:struts:2.5.1:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:apache:*:*:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:apache:str*:2.5.1:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:ap*:struts:2.5.1:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:*:*:*:*:*:*:*:*:*:*"],
            ["cpe:2.3:a:-:struts:2.5.1:*:*:*:*:*:*:*"],
        ]
        var assets = try handWritten.map { try $0.map { CPETarget(try CPEName(parsing: $0)) } }
        var mutator = VulnerabilityIndexTests.Mutator(criteria: entries.flatMap { $0.configurations.flatMap(\.allCriteria) },
                                                      random: SplitMix64(seed: 7))
        assets += (0..<300).map { _ in mutator.asset() }
        let (matched, leftOut) = Self.expectSameMatches(entries, full: full, assets: assets)
        #expect(matched > 30)
        #expect(leftOut > assets.count * entries.count / 2) // the scope does leave most CVEs out
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: VulnerabilityIndexTests.sharedFeed.path)))
    func onlyCoveredCVEsGiveTheSameMatchesOnAWholeFeed() throws {
        let entries = try VulnerabilityIndexTests.feedEntries(VulnerabilityIndexTests.sharedFeed)
        let full = VulnerabilityIndex(entries)
        var synthetic = SyntheticAssets(index: full, seed: 42)
        var assets = synthetic.generate(80).map { $0.map(CPETarget.init) }
        var mutator = VulnerabilityIndexTests.Mutator(criteria: entries.flatMap { $0.configurations.flatMap(\.allCriteria) },
                                                      random: SplitMix64(seed: 42))
        assets += (0..<30).map { _ in mutator.asset() }
        let (matched, _) = Self.expectSameMatches(entries, full: full, assets: assets)
        #expect(matched > 30)
    }

    @Test func namesReachWhatTheIndexLooksUp() throws {
        let scope = ProductScope(try ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*", "cpe:2.3:a:microsoft:*:*:*:*:*:*:*:*:*",
                                      "cpe:2.3:o:*:linux_kernel:5.4:*:*:*:*:*:*:*", "cpe:2.3:a:*:*:1.0:*:*:*:*:*:*:*",
                                      "cpe:2.3:a:-:nginx:1.0:*:*:*:*:*:*:*"].map { try CPEName(parsing: $0) })
        #expect(scope.keys == [ProductKey(vendor: "apache", product: "struts")])
        #expect(scope.vendors == ["microsoft"])
        #expect(scope.products == ["linux_kernel"])
        #expect(scope.covers(ProductKey(vendor: "apache", product: "struts")))
        #expect(!scope.covers(ProductKey(vendor: "apache", product: "tomcat")))
        #expect(scope.covers(ProductKey(vendor: "microsoft", product: "edge")))
        #expect(scope.covers(ProductKey(vendor: "linux", product: "linux_kernel")))
        #expect(scope.covers(.wildcard))
        #expect(!scope.covers(ProductKey(vendor: "f5", product: "nginx")))
        #expect(scope.productsToLookUp == ["struts", "linux_kernel", "*"])
        #expect(ProductScope().productsToLookUp == ["*"])
    }
}
