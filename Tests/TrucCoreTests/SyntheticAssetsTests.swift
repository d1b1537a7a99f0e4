import Foundation
import Testing
import TrucCore

@Suite struct SyntheticAssetsTests {
    enum Shape { case network, server, single, other }

    /// network: firmware (`o`) + hardware (`h`); server: an OS then 2–6 applications; single: one application.
    static func shape(_ asset: [CPEName]) -> Shape {
        let parts = asset.map(\.cpePart)
        switch parts.count {
        case 1 where parts[0] == .application: return .single
        case 2 where parts == [.operatingSystem, .hardware]: return .network
        case 3...7 where parts[0] == .operatingSystem && parts.dropFirst().allSatisfy({ $0 == .application }): return .server
        default: return .other
        }
    }

    static func fixtureIndex() throws -> VulnerabilityIndex {
        VulnerabilityIndex(try VulnerabilityIndexTests.fixtureEntries())
    }

    @Test func deterministicForASeed() throws {
        let index = try Self.fixtureIndex()
        var first = SyntheticAssets(index: index, seed: 42)
        var second = SyntheticAssets(index: index, seed: 42)
        var other = SyntheticAssets(index: index, seed: 43)
        let assets = first.generate(500)
        #expect(second.generate(500) == assets)
        #expect(other.generate(500) != assets)
        // An index built again (buckets in another hash order) gives the same assets.
        var rebuilt = SyntheticAssets(index: try Self.fixtureIndex(), seed: 42)
        #expect(rebuilt.generate(500) == assets)
        // `next` continues the same sequence.
        var stepwise = SyntheticAssets(index: index, seed: 42)
        #expect((0..<500).map { _ in stepwise.next() } == assets)
    }

    @Test func shapesAndVersions() throws {
        let index = try Self.fixtureIndex()
        var synthetic = SyntheticAssets(index: index, seed: 7)
        let assets = synthetic.generate(6_000)
        var counts: [Shape: Int] = [:]
        for asset in assets { counts[Self.shape(asset), default: 0] += 1 }
        let share = { (shape: Shape) in Double(counts[shape] ?? 0) / Double(assets.count) }
        #expect(abs(share(.network) - 0.15) < 0.03)
        #expect(abs(share(.server) - 0.35) < 0.03)
        #expect(abs(share(.single) - 0.50) < 0.03)
        #expect(counts[.other] == nil)
        #expect(assets.allSatisfy { (1...8).contains($0.count) })

        let names = assets.flatMap { $0 }
        // Every name is a valid, round-tripping CPE name with a concrete vendor and product.
        for name in names.prefix(3_000) {
            #expect(try CPEName(parsing: name.formattedString) == name)
            #expect(ProductKey(name) != nil)
        }
        let anyVersions = names.filter { $0.version == .any }.count
        #expect(anyVersions > names.count / 100)
        #expect(anyVersions < names.count / 5)
        // Products the index knows and products it does not.
        let keys = index.productKeys
        let known = names.filter { ProductKey($0).map(keys.contains) ?? false }.count
        #expect(known > names.count / 4)
        #expect(known < names.count * 9 / 10)
        // Vendor-style firmware versions on made-up devices.
        #expect(names.contains { $0.version.unescaped?.contains("-build") == true })
        #expect(names.contains { $0.version.unescaped?.contains(")m") == true })
    }

    @Test func someAssetsMatch() throws {
        let index = try Self.fixtureIndex()
        var synthetic = SyntheticAssets(index: index, seed: 11)
        let assets = synthetic.generate(3_000)
        let matches = index.matchAll(assets.map { $0.map(CPETarget.init) })
        let matching = matches.filter { !$0.isEmpty }.count
        #expect(matching > assets.count / 10)
        #expect(matching < assets.count * 9 / 10)
        #expect(matches.joined().contains { $0.verdict == .match })
        #expect(matches.joined().contains { $0.verdict == .unknown })
        // Firmware + hardware pairs from the AND configurations match too.
        #expect(zip(assets, matches).contains { Self.shape($0.0) == .network && !$0.1.isEmpty })
    }

    @Test func emptyIndex() {
        var synthetic = SyntheticAssets(index: VulnerabilityIndex([]), seed: 1)
        let assets = synthetic.generate(300)
        #expect(assets.count == 300)
        #expect(assets.allSatisfy { Self.shape($0) != .other })
    }
}
