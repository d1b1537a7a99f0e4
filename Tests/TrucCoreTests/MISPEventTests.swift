import Foundation
import Testing
@testable import TrucCore

@Suite("MISP event export")
struct MISPEventTests {
    private func event(tlp: TLP = .amberStrict, confidential: Bool = false) -> MISPEvent {
        MISPEvent.make(from: IncidentFixture.incident(tlp: tlp, confidential: confidential),
                       orgName: "Sở TTTT Lâm Đồng", now: IncidentFixture.now)
    }

    @Test("JSON shape: {\"Event\": {…}} with MISP's field names and string-typed numbers")
    func shape() throws {
        let data = try event().jsonData()
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Array(root.keys) == ["Event"])
        let event = try #require(root["Event"] as? [String: Any])
        #expect(Set(event.keys) == ["uuid", "info", "date", "timestamp", "published", "analysis", "threat_level_id",
                                   "distribution", "Orgc", "Tag", "Attribute"])
        #expect(event["uuid"] as? String == "11111111-2222-4333-8444-555555555555")
        #expect(event["info"] as? String == "SC-2026-0001: Máy chủ cổng thông tin kết nối tới máy chủ điều khiển")
        #expect(event["date"] as? String == "2026-11-21")  // detected 17:30 UTC = 00:30 the next day in Vietnam
        #expect(event["timestamp"] as? String == "1795508130")
        #expect(event["published"] as? Bool == false)
        #expect(event["analysis"] as? String == "1")
        #expect(event["threat_level_id"] as? String == "1")
        #expect(event["distribution"] as? String == "0")
        #expect((event["Orgc"] as? [String: String]) == ["name": "Sở TTTT Lâm Đồng"])
        #expect((event["Tag"] as? [[String: String]]) == [["name": "tlp:amber+strict"]])
        let attributes = try #require(event["Attribute"] as? [[String: Any]])
        #expect(attributes.count == 11)
        let first = attributes[0]
        #expect(Set(first.keys) == ["uuid", "type", "category", "value", "to_ids", "timestamp", "distribution"])
        #expect(first["to_ids"] as? Bool == true)
        #expect(first["timestamp"] as? String == "1795508130")
        #expect(first["distribution"] as? String == "5")
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(!json.contains("\\/"))
    }

    @Test("attributes: type, category, to_ids by kind; UUIDv5 of the event UUID and \"type|value\"")
    func attributes() {
        let rows = event().attributes.map { "\($0.type) | \($0.category) | \($0.toIDs) | \($0.value)" }
        #expect(rows == [
            "ip-dst | Network activity | true | 203.0.113.7",
            "ip-dst | Network activity | true | 2001:db8::7",
            "domain | Network activity | true | c2.evil.example",
            "url | Network activity | true | https://evil.example/path?a=1",
            "url | Network activity | true | https://evil.example/it's",
            "email | Payload delivery | false | attacker@evil.example",
            "md5 | Payload delivery | true | \(IncidentFixture.md5)",
            "sha1 | Payload delivery | true | \(IncidentFixture.sha1)",
            "sha256 | Payload delivery | true | \(IncidentFixture.sha256)",
            "vulnerability | External analysis | false | CVE-2021-44228",
            "vulnerability | External analysis | false | CVE-2023-4966",
        ])
        // Pinned from Python: uuid.uuid5(uuid.UUID("11111111-2222-4333-8444-555555555555"), "ip-dst|203.0.113.7").
        #expect(event().attributes[0].uuid == "0061e4a4-0509-5879-8ea1-151c57b1c41c")
        #expect(Set(event().attributes.map(\.uuid)).count == 11)
    }

    @Test("distribution from TLP, and confidential incidents stay in the organisation", arguments: [
        (TLP.clear, false, "3"), (.green, false, "1"), (.amber, false, "0"), (.amberStrict, false, "0"),
        (.red, false, "0"), (.clear, true, "0"), (.green, true, "0"),
    ])
    func distribution(tlp: TLP, confidential: Bool, expected: String) {
        let made = event(tlp: tlp, confidential: confidential)
        #expect(made.distribution == expected)
        #expect(made.tags == [tlp.mispTag])
    }

    @Test("analysis from status and threat level from severity")
    func mappings() {
        #expect(["new", "Reported", " open "].map(MISPEvent.analysis(forStatus:)) == ["0", "0", "0"])
        #expect(["triage", "investigating", "contained"].map(MISPEvent.analysis(forStatus:)) == ["1", "1", "1"])
        #expect(["closed", "RESOLVED"].map(MISPEvent.analysis(forStatus:)) == ["2", "2"])
        // Every status of the workflow: reported is initial, the response is ongoing, the end states are completed.
        let expected: [IncidentStatus: String] = [.reported: "0", .triaged: "1", .inProgress: "1", .contained: "1",
                                                  .resolved: "2", .closed: "2", .rejected: "2"]
        for status in IncidentStatus.allCases {
            #expect(MISPEvent.analysis(forStatus: status.rawValue) == expected[status], "\(status)")
        }
        let severities: [String?] = ["critical", "High", "medium", "low", nil, "unknown", "Nghiêm trọng", "thấp"]
        #expect(severities.map(MISPEvent.threatLevelID(forSeverity:)) == ["1", "1", "2", "3", "4", "4", "1", "3"])
        #expect(TLP.allCases.map(\.mispTag) == ["tlp:clear", "tlp:green", "tlp:amber", "tlp:amber+strict", "tlp:red"])
    }

    @Test("deterministic bytes, and the JSON reads back to the same event")
    func roundTrip() throws {
        let made = event()
        #expect(try made.jsonData() == event().jsonData())
        #expect(try JSONDecoder().decode(MISPEvent.self, from: made.jsonData()) == made)
    }

    @Test("reads an event as MISP writes it, with extra fields")
    func readsMISP() throws {
        let json = #"""
            {"Event": {"id": "12", "uuid": "5b9e8f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "info": "x", "date": "2026-11-24",
             "timestamp": "1795508130", "published": true, "analysis": "2", "threat_level_id": "3",
             "distribution": "1", "Orgc": {"id": "1", "name": "CIRCL", "uuid": "55f6ea5e-2c60-40e5-964f-47a8950d210f"},
             "Tag": [{"id": "3", "name": "tlp:green", "colour": "#33FF00", "exportable": true}],
             "Attribute": [{"id": "7", "uuid": "0061e4a4-0509-5879-8ea1-151c57b1c41c", "type": "ip-dst",
               "category": "Network activity", "value": "203.0.113.7", "to_ids": true, "timestamp": "1795508130",
               "distribution": "5", "comment": "C2", "deleted": false}]}}
            """#
        let read = try JSONDecoder().decode(MISPEvent.self, from: Data(json.utf8))
        #expect(read.orgName == "CIRCL" && read.tags == ["tlp:green"] && read.published)
        #expect(read.attributes.first?.comment == "C2")
    }
}
