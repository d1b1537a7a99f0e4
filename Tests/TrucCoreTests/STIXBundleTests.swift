import Foundation
import Testing
@testable import TrucCore

@Suite("STIX 2.1 export")
struct STIXBundleTests {
    private static var idPattern: Regex<(Substring, Substring, Substring)> {
        /([a-z0-9-]+)--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/
    }

    /// Every string under a key ending in "_ref", every element under a key ending in "_refs", and the keys of
    /// `extensions` that name extension definitions, anywhere in the value.
    private static func references(in value: STIXValue, key: String? = nil) -> [String] {
        switch value {
        case .string(let text):
            return key?.hasSuffix("_ref") == true ? [text] : []
        case .array(let elements):
            if key?.hasSuffix("_refs") == true { return elements.compactMap(\.stringValue) }
            return elements.flatMap { references(in: $0) }
        case .object(let members):
            var found = members.flatMap { references(in: $0.value, key: $0.key) }
            if key == "extensions" { found += members.keys.filter { $0.hasPrefix("extension-definition--") } }
            return found
        default:
            return []
        }
    }

    @Test("bundle shape: ids well-formed and unique, spec_version everywhere, every reference resolves")
    func shape() throws {
        let bundle = IncidentFixture.bundle()
        #expect(bundle.id.wholeMatch(of: Self.idPattern)?.1 == "bundle")
        var ids = Set<String>()
        for object in bundle.objects {
            let id = try #require(object["id"]?.stringValue)
            let type = try #require(object["type"]?.stringValue)
            let match = try #require(id.wholeMatch(of: Self.idPattern), "malformed id \(id)")
            #expect(match.1 == Substring(type))
            #expect(UUID(uuidString: String(match.2)) != nil)
            #expect(object["spec_version"] == "2.1", "\(id)")
            #expect(ids.insert(id).inserted, "duplicate \(id)")
        }
        for object in bundle.objects {
            for reference in Self.references(in: .object(object)) {
                #expect(ids.contains(reference), "\(object["id"]!) refers to \(reference), not in the bundle")
            }
        }
        let types = bundle.objects.compactMap { $0["type"]?.stringValue }
        #expect(types == ["marking-definition", "extension-definition", "identity", "identity", "incident",
                          "observed-data"]
            + Array(repeating: "ipv4-addr", count: 1) + ["ipv6-addr", "domain-name", "url", "url", "email-addr",
                                                         "file", "file", "file"]
            + Array(repeating: "indicator", count: 8) + Array(repeating: "vulnerability", count: 2)
            + Array(repeating: "relationship", count: 20))
    }

    @Test("markings on every object, created_by_ref on every domain and relationship object")
    func markingsAndCreator() {
        let bundle = IncidentFixture.bundle(tlp: .green)
        let producerID = "identity--0a5e1c2d-3b4f-4a6b-8c7d-9e0f1a2b3c4d"
        let scoTypes: Set = ["ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file"]
        for object in bundle.objects {
            let type = object["type"]!.stringValue!
            let id = object["id"]!.stringValue!
            guard type != "marking-definition" else { continue }
            #expect(object["object_marking_refs"] == ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"], "\(id)")
            if scoTypes.contains(type) {
                #expect(object["created_by_ref"] == nil && object["created"] == nil, "\(id)")
            } else if id != producerID {
                #expect(object["created_by_ref"] == .string(producerID), "\(id)")
                #expect(object["created"]?.stringValue != nil && object["modified"]?.stringValue != nil, "\(id)")
            }
        }
    }

    @Test("TLP 2.0 levels map to the STIX 2.1 predefined TLP markings, written exactly as the specification does",
          arguments: [
              (TLP.clear, "613f2e26-407d-48c7-9eca-b8e91df99dc9", "white"),
              (.green, "34098fce-860f-48ae-8e50-ebd3cc5e41da", "green"),
              (.amber, "f88d31f6-486f-44da-b317-01333bde0b82", "amber"),
              (.amberStrict, "f88d31f6-486f-44da-b317-01333bde0b82", "amber"),
              (.red, "5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red"),
          ])
    func tlpMarkings(tlp: TLP, uuid: String, name: String) throws {
        let bundle = IncidentFixture.bundle(tlp: tlp)
        let expected: [String: STIXValue] = [
            "type": "marking-definition", "spec_version": "2.1", "id": .string("marking-definition--\(uuid)"),
            "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "name": .string("TLP:\(name.uppercased())"),
            "definition": ["tlp": .string(name)],
        ]
        #expect(bundle.objects.first == expected)
        #expect(bundle.objects(ofType: "marking-definition").count == 1)
        let incident = try #require(bundle.objects(ofType: "incident").first)
        #expect(incident["x_truc_tlp"] == .string(tlp.label))
    }

    @Test("the incident: common properties, reference, custom properties declared by the extension definition")
    func incident() throws {
        let bundle = IncidentFixture.bundle()
        let incident = try #require(bundle.object(withID: "incident--11111111-2222-4333-8444-555555555555"))
        #expect(incident["name"] == "Máy chủ cổng thông tin kết nối tới máy chủ điều khiển")
        #expect(incident["description"]?.stringValue?.contains("\"Log4Shell\"") == true)
        #expect(incident["created"] == "2026-11-20T18:30:00.000Z")
        #expect(incident["modified"] == "2026-11-24T03:00:00.000Z")
        #expect(incident["external_references"] == [["source_name": "truc-attt", "external_id": "SC-2026-0001"]])
        #expect(incident["x_truc_status"] == "investigating")
        #expect(incident["x_truc_severity"] == "high")
        #expect(incident["x_truc_category"] == "malware")
        #expect(incident["x_truc_detected_at"] == "2026-11-20T17:30:00.000Z")
        #expect(incident["x_truc_reported_at"] == "2026-11-20T18:30:00.000Z")
        #expect(incident["x_truc_confidential"] == false)

        let definition = try #require(bundle.objects(ofType: "extension-definition").first)
        let extensionID = try #require(definition["id"]?.stringValue)
        #expect(incident["extensions"] == .object([extensionID: ["extension_type": "toplevel-property-extension"]]))
        #expect(definition["extension_types"] == ["toplevel-property-extension"])
        let declared = Set(definition["extension_properties"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let custom = incident.keys.filter { $0.hasPrefix("x_") }
        #expect(!custom.isEmpty && Set(custom).isSubset(of: declared))
        for name in declared { #expect(name.wholeMatch(of: /x_truc_[a-z0-9_]{3,240}/) != nil, "\(name)") }
    }

    @Test("identities: the producer and the reporting unit, whose contact is left out when confidential")
    func identities() throws {
        let open = IncidentFixture.bundle()
        let producer = try #require(open.object(withID: "identity--0a5e1c2d-3b4f-4a6b-8c7d-9e0f1a2b3c4d"))
        #expect(producer["identity_class"] == "organization")
        #expect(producer["name"] == "Sở Thông tin và Truyền thông tỉnh Lâm Đồng")
        #expect(producer["created"] == "2026-11-24T08:15:30.250Z")
        let unit = try #require(open.object(withID: "identity--66666666-7777-4888-9999-aaaaaaaaaaaa"))
        #expect(unit["contact_information"] == "Nguyễn Văn An; an.nv@stc.lamdong.gov.vn; 0263 3822 000")

        let secret = IncidentFixture.bundle(tlp: .red, confidential: true)
        let hidden = try #require(secret.object(withID: "identity--66666666-7777-4888-9999-aaaaaaaaaaaa"))
        #expect(hidden["contact_information"] == nil)
        #expect(hidden["name"] == "Sở Tài chính tỉnh Lâm Đồng")
        #expect(secret.objects(ofType: "incident").first?["x_truc_confidential"] == true)
    }

    @Test("cyber-observable objects get the specification's deterministic UUIDv5 (as python-stix2 computes them)",
          arguments: [
              (ObservableKind.ipv4, "203.0.113.7", "ipv4-addr--9ddd739e-87b1-587d-83f2-62ef1130af2f"),
              (.ipv6, "2001:db8::1", "ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26"),
              (.domain, "evil.example", "domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa"),
              (.url, "https://evil.example/path?a=1", "url--22d8ab41-7fd1-56b8-a305-0925c24a27f1"),
              (.email, "attacker@evil.example", "email-addr--ddafe02d-1bd7-59db-b0dd-ce47f7f0a2d8"),
              (.md5, "d41d8cd98f00b204e9800998ecf8427e", "file--02fff920-f614-527c-81d1-6353633a6d21"),
              (.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               "file--22f8ff52-8f62-5f03-a53a-6f50f54fd74c"),
          ])
    func observableIDs(kind: ObservableKind, value: String, expected: String) throws {
        let observable = try Observable(kind: kind, value: value)
        #expect(observable.stixObservableID == expected)
    }

    @Test("observed data refers to every cyber-observable object; vulnerabilities carry the CVE reference")
    func observedDataAndVulnerabilities() throws {
        let bundle = IncidentFixture.bundle()
        let observed = try #require(bundle.objects(ofType: "observed-data").first)
        let refs = observed["object_refs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(refs.count == 9)
        #expect(observed["first_observed"] == "2026-11-20T17:30:00.000Z")
        #expect(observed["last_observed"] == "2026-11-20T17:30:00.000Z")
        #expect(observed["number_observed"] == 1)
        let file = try #require(bundle.objects(ofType: "file").last)
        #expect(file["hashes"] == ["SHA-256": .string(IncidentFixture.sha256)])
        let names = bundle.objects(ofType: "vulnerability").map { $0["name"] }
        #expect(names == ["CVE-2021-44228", "CVE-2023-4966"])
        #expect(bundle.objects(ofType: "vulnerability").first?["external_references"]
            == [["source_name": "cve", "external_id": "CVE-2021-44228"]])
    }

    @Test("indicators: patterns, escaping, validity; relationships between domain objects only")
    func indicators() throws {
        let bundle = IncidentFixture.bundle()
        let patterns = bundle.objects(ofType: "indicator").compactMap { $0["pattern"]?.stringValue }
        #expect(patterns == [
            "[ipv4-addr:value = '203.0.113.7']",
            "[ipv6-addr:value = '2001:db8::7']",
            "[domain-name:value = 'c2.evil.example']",
            "[url:value = 'https://evil.example/path?a=1']",
            "[url:value = 'https://evil.example/it\\'s']",
            "[file:hashes.MD5 = '\(IncidentFixture.md5)']",
            "[file:hashes.'SHA-1' = '\(IncidentFixture.sha1)']",
            "[file:hashes.'SHA-256' = '\(IncidentFixture.sha256)']",
        ])
        #expect(Observable.stixStringLiteral(#"a\b'c"#) == #"'a\\b\'c'"#)
        let indicator = try #require(bundle.objects(ofType: "indicator").first)
        #expect(indicator["pattern_type"] == "stix")
        #expect(indicator["pattern_version"] == "2.1")
        #expect(indicator["valid_from"] == "2026-11-20T17:30:00.000Z")
        #expect(indicator["indicator_types"] == ["malicious-activity"])

        let sdoTypes: Set = ["incident", "indicator", "observed-data", "vulnerability", "identity"]
        var triples: [String] = []
        for relationship in bundle.objects(ofType: "relationship") {
            let source = relationship["source_ref"]!.stringValue!, target = relationship["target_ref"]!.stringValue!
            let sourceType = source.components(separatedBy: "--")[0], targetType = target.components(separatedBy: "--")[0]
            #expect(sdoTypes.contains(sourceType) && sdoTypes.contains(targetType))
            triples.append("\(sourceType) \(relationship["relationship_type"]!.stringValue!) \(targetType)")
        }
        #expect(triples.filter { $0 == "indicator based-on observed-data" }.count == 8)
        #expect(triples.filter { $0 == "indicator related-to incident" }.count == 8)
        #expect(triples.filter { $0 == "incident related-to vulnerability" }.count == 2)
        #expect(triples.filter { $0 == "incident related-to identity" }.count == 1)
        #expect(triples.filter { $0 == "incident related-to observed-data" }.count == 1)
    }

    @Test("deterministic: the same input gives the same bytes; the export time changes only the bundle id and identities")
    func deterministic() throws {
        let first = IncidentFixture.bundle()
        #expect(try first.jsonData() == IncidentFixture.bundle().jsonData())
        let later = STIXBundle.make(from: IncidentFixture.incident(), producer: IncidentFixture.producer,
                                    now: IncidentFixture.now.addingTimeInterval(3600))
        #expect(later.id != first.id)
        #expect(later.objects.map { $0["id"] } == first.objects.map { $0["id"] })
        for (a, b) in zip(first.objects, later.objects) where a != b {
            #expect(a["type"] == "identity")
        }
        let json = try #require(String(data: try first.jsonData(), encoding: .utf8))
        #expect(!json.contains("\\/"))
        #expect(json.hasPrefix("{\n  \"id\" : \"bundle--"))
        let decoded = try JSONDecoder().decode(STIXValue.self, from: first.jsonData())
        #expect(decoded == first.jsonValue)
    }

    @Test("an incident without observables still gives a consistent bundle")
    func withoutObservables() throws {
        let bundle = IncidentFixture.bundle(tlp: .clear, observables: [])
        #expect(bundle.objects.compactMap { $0["type"]?.stringValue } == [
            "marking-definition", "extension-definition", "identity", "identity", "incident", "relationship",
        ])
    }

    @Test("timestamps: RFC 3339 UTC with milliseconds, rounded down; calendar days at an offset")
    func timestamps() {
        #expect(Date(timeIntervalSince1970: 1_795_489_200).stixTimestamp == "2026-11-24T03:00:00.000Z")
        #expect(Date(timeIntervalSince1970: 1_795_508_130.2509).stixTimestamp == "2026-11-24T08:15:30.250Z")
        #expect(Date(timeIntervalSince1970: 0).stixTimestamp == "1970-01-01T00:00:00.000Z")
        #expect(Date(timeIntervalSince1970: -0.001).stixTimestamp == "1969-12-31T23:59:59.999Z")
        #expect(Date(timeIntervalSince1970: 1_709_251_199.999).stixTimestamp == "2024-02-29T23:59:59.999Z")
        for milliseconds in [1, 7, 123, 999, 501] {
            let date = Date(timeIntervalSince1970: 1_795_489_200 + Double(milliseconds) / 1000)
            #expect(date.stixTimestamp == "2026-11-24T03:00:00.\(milliseconds.zeroPadded(3))Z")
        }
        #expect(Date(timeIntervalSince1970: 1_795_195_800).calendarDay(offsetSeconds: 0) == "2026-11-20")
        #expect(Date(timeIntervalSince1970: 1_795_195_800).calendarDay(offsetSeconds: 7 * 3600) == "2026-11-21")
        #expect(Date(timeIntervalSince1970: 1_795_508_130.9).unixSeconds == 1_795_508_130)
    }

    @Test("JSON canonicalisation (RFC 8785) of the ID contributing properties")
    func canonicalJSON() {
        let value: STIXValue = ["value": "x\"\\\n\u{01}é", "a": [1, true, .null], "B": ["z": "1", "y": "2"]]
        #expect(value.canonicalJSON == #"{"B":{"y":"2","z":"1"},"a":[1,true,null],"value":"x\"\\\n\u0001é"}"#)
    }
}
