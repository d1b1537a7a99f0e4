import Foundation
import Testing
@testable import TrucCore

@Suite struct IndicatorFeedTests {
    static func sightings() throws -> [SharedObservable.Sighting] {
        let ip = try Observable(kind: .ipv4, value: "203.0.113.7")
        let domain = try Observable(kind: .domain, value: "c2.evil.example")
        let cve = try Observable(kind: .cve, value: "CVE-2021-44228")
        let email = try Observable(kind: .email, value: "attacker@evil.example")
        let day = IncidentSamples.utc(2026, 11, 20)
        return [
            .init(observable: ip, tlp: .green, seenAt: day, incidentReference: "SC-2026-0002"),
            .init(observable: ip, tlp: .clear, seenAt: day.addingTimeInterval(-86_400), incidentReference: "SC-2026-0001"),
            .init(observable: ip, tlp: .red, seenAt: day.addingTimeInterval(86_400), incidentReference: "SC-2026-0009"),
            .init(observable: domain, tlp: .amber, seenAt: day, incidentReference: "SC-2026-0002"),
            .init(observable: cve, tlp: .green, seenAt: day, incidentReference: "SC-2026-0002"),
            .init(observable: email, tlp: .green, seenAt: day, incidentReference: "SC-2026-0002"),
        ]
    }

    static var feed: STIXBundle {
        get throws {
            STIXBundle.indicatorFeed(SharedObservable.merge(try sightings(), maxTLP: .amber),
                                     producer: (IncidentFixture.producer.id, IncidentFixture.producer.name), now: IncidentFixture.now)
        }
    }

    @Test func mergingKeepsTheStrictestSharedMarkingAndLeavesOutWhatIsAboveTheLimit() throws {
        let merged = SharedObservable.merge(try Self.sightings(), maxTLP: .green)
        #expect(merged.map(\.observable.value) == ["CVE-2021-44228", "attacker@evil.example", "203.0.113.7"])
        let ip = try #require(merged.last)
        #expect(ip.tlp == .green && ip.incidentReferences == ["SC-2026-0001", "SC-2026-0002"], "the RED sighting is not even named")
        #expect(ip.firstSeen == IncidentSamples.utc(2026, 11, 19) && ip.lastSeen == IncidentSamples.utc(2026, 11, 20))
        #expect(SharedObservable.merge(try Self.sightings(), maxTLP: .red).last?.tlp == .red)
    }

    @Test func theFeedHasAnIndicatorOrVulnerabilityPerObservableWithItsOwnMarking() throws {
        let feed = try Self.feed
        let indicators = feed.objects(ofType: "indicator")
        #expect(Set(indicators.compactMap { $0["name"]?.stringValue }) == ["203.0.113.7", "c2.evil.example"])
        let ip = try #require(indicators.first { $0["name"]?.stringValue == "203.0.113.7" })
        #expect(ip["pattern"]?.stringValue == "[ipv4-addr:value = '203.0.113.7']")
        #expect(ip["object_marking_refs"] == [.string(TLP.green.stixMarkingDefinitionID)])
        #expect(ip["valid_from"]?.stringValue == "2026-11-19T00:00:00.000Z")
        let domain = try #require(indicators.first { $0["name"]?.stringValue == "c2.evil.example" })
        #expect(domain["object_marking_refs"] == [.string(TLP.amber.stixMarkingDefinitionID)])
        #expect(feed.objects(ofType: "vulnerability").first?["name"]?.stringValue == "CVE-2021-44228")
        // The markings in use are defined once each; e-mail addresses have no pattern and are left out.
        #expect(Set(feed.objects(ofType: "marking-definition").compactMap { $0["id"]?.stringValue })
                == Set([TLP.clear, .green, .amber].map(\.stixMarkingDefinitionID)))
        #expect(!(String(data: try feed.jsonData(), encoding: .utf8) ?? "").contains("attacker@"))
        // The same observables give the same identifiers.
        #expect(try Self.feed == feed)
    }
}
