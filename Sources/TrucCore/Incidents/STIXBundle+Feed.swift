import Foundation

extension STIXBundle {
    /// The province's indicator feed as a STIX 2.1 bundle, for VNCERT/CC, NCSC and threat-intelligence platforms:
    /// the TLP `marking-definition`s in use, the producer's `identity`, and for each shared observable an
    /// `indicator` (addresses, domain names, URLs, hashes; STIX pattern, "malicious-activity", valid from its first
    /// sighting) or a `vulnerability` (CVE identifiers), each with its own TLP marking and an external reference
    /// per incident it was seen in (source "truc-attt"). E-mail addresses have no STIX pattern and are left out.
    /// Identifiers are UUIDv5s of the observable, so a consumer sees new versions of the same indicators from one
    /// export to the next; `now` is the export time (the producer's `created`, the bundle's identifier).
    public static func indicatorFeed(_ items: [SharedObservable], producer: (id: UUID, name: String), now: Date) -> STIXBundle {
        let producerID = "identity--\(producer.id.lowercasedString)"
        let exported = now.stixTimestamp
        var objects: [[String: STIXValue]] = []
        var body: [[String: STIXValue]] = []
        var markings: Set<TLP> = [.clear]
        for item in items {
            let observable = item.observable
            var object: [String: STIXValue] = [
                "spec_version": "2.1",
                "created_by_ref": .string(producerID),
                "created": .string(item.firstSeen.stixTimestamp),
                "modified": .string(max(item.firstSeen, item.lastSeen).stixTimestamp),
                "object_marking_refs": [.string(item.tlp.stixMarkingDefinitionID)],
                "external_references": .array(item.incidentReferences.map {
                    ["source_name": "truc-attt", "external_id": .string($0)]
                }),
            ]
            if let pattern = observable.stixPattern {
                object["type"] = "indicator"
                object["id"] = .string(derivedID("indicator", "feed", observable.kind.rawValue, observable.value))
                object["name"] = .string(observable.value)
                object["description"] = .string("\(observable.kind.vietnamese) trong sự cố \(item.incidentReferences.joined(separator: ", ")) / "
                    + "\(observable.kind.english) in incidents \(item.incidentReferences.joined(separator: ", "))")
                object["indicator_types"] = ["malicious-activity"]
                object["pattern"] = .string(pattern)
                object["pattern_type"] = "stix"
                object["pattern_version"] = "2.1"
                object["valid_from"] = .string(item.firstSeen.stixTimestamp)
            } else if observable.kind == .cve {
                object["type"] = "vulnerability"
                object["id"] = .string(derivedID("vulnerability", "feed", observable.value))
                object["name"] = .string(observable.value)
                object["external_references"] = .array([["source_name": "cve", "external_id": .string(observable.value)]]
                    + item.incidentReferences.map { ["source_name": "truc-attt", "external_id": .string($0)] })
            } else {
                continue
            }
            markings.insert(item.tlp)
            body.append(object)
        }
        objects += TLP.allCases.filter(markings.contains).map(\.stixMarkingDefinition)
        objects.append([
            "type": "identity", "spec_version": "2.1", "id": .string(producerID),
            "created": .string(exported), "modified": .string(exported),
            "name": .string(producer.name), "identity_class": "organization", "sectors": ["government-regional"],
            "object_marking_refs": [.string(TLP.clear.stixMarkingDefinitionID)],
        ])
        objects += body
        return STIXBundle(id: derivedID("bundle", "feed", producer.id.lowercasedString, exported), objects: objects)
    }
}
