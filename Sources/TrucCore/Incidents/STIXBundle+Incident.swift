import Foundation

extension STIXBundle {
    /// The custom properties of the exported `incident` (STIX 2.1 gives an incident only a name, a description and
    /// kill-chain phases), declared by the bundle's `extension-definition` as a top-level property extension.
    public static let incidentPropertyNames = [
        "x_truc_status", "x_truc_severity", "x_truc_category", "x_truc_tlp", "x_truc_detected_at",
        "x_truc_reported_at", "x_truc_confidential",
    ]

    /// The date of version 1.0.0 of that extension definition (its `created` and `modified`).
    static let extensionDefinitionDate = "2026-11-24T00:00:00.000Z"

    /// The STIX 2.1 bundle of an incident, for sharing with the national CERTs (VNCERT/CC, NCSC) and with platforms
    /// such as OpenCTI or MISP. It holds, in this order:
    /// - the predefined TLP `marking-definition` (see `TLP.stixTLPName` for the TLP 2.0 → 1.0 mapping);
    /// - the `extension-definition` of the incident's custom `x_truc_*` properties;
    /// - an `identity` for the producer (the province, the creator of every other object) and one for the reporting
    ///   unit (without contact details when the incident is confidential);
    /// - the `incident`: name, description, `external_references` with the reference (source "truc-attt"), and
    ///   `x_truc_status`, `x_truc_severity`, `x_truc_category`, `x_truc_tlp` (the exact TLP 2.0 label),
    ///   `x_truc_detected_at`, `x_truc_reported_at`, `x_truc_confidential`;
    /// - one `observed-data` (first and last observed at detection) referring to a cyber-observable object for each
    ///   address, domain name, URL, e-mail address and hash (a `file` with that hash);
    /// - an `indicator` (STIX pattern, valid from detection, type "malicious-activity") for each address, domain
    ///   name, URL and hash, and a `vulnerability` for each CVE identifier;
    /// - `relationship`s: incident related-to the reporting unit, the observed data and each vulnerability;
    ///   indicator based-on the observed data and related-to the incident (STIX 2.1 suggests `indicates` only
    ///   towards attack patterns, campaigns, malware and the like, not incidents).
    ///
    /// Every object but the marking carries `object_marking_refs`. The incident and the reporting unit keep their
    /// Trực ATTT UUIDs, the producer its given UUID, cyber-observable objects get the UUIDv5 the specification
    /// defines, and the other objects UUIDv5s in `STIXBundle.namespace` derived from the incident and what they
    /// describe, so that the same incident exported at the same `now` gives the same bundle. `now` is the time of
    /// the export: it is the `created` and `modified` of the two identities and goes into the bundle's identifier.
    public static func make(from incident: IncidentExport, producer: (id: UUID, name: String), now: Date) -> STIXBundle {
        let incidentKey = incident.id.lowercasedString
        let marking = incident.tlp.stixMarkingDefinitionID
        let markingRefs: STIXValue = [.string(marking)]
        let producerID = "identity--\(producer.id.lowercasedString)"
        let reporterID = "identity--\(incident.reporter.unitID.lowercasedString)"
        let incidentID = "incident--\(incidentKey)"
        let created = incident.createdAt.stixTimestamp
        let modified = max(incident.createdAt, incident.modifiedAt).stixTimestamp
        let exported = now.stixTimestamp
        let detected = incident.detectedAt.stixTimestamp
        let extensionID = derivedID("extension-definition", producer.id.lowercasedString, "x_truc incident 1.0.0")

        /// The common properties of a domain or relationship object made by the producer.
        func domainObject(_ type: String, id: String, _ properties: [String: STIXValue]) -> [String: STIXValue] {
            var object = properties
            object["type"] = .string(type)
            object["spec_version"] = "2.1"
            object["id"] = .string(id)
            object["created_by_ref"] = .string(producerID)
            object["object_marking_refs"] = markingRefs
            if object["created"] == nil { object["created"] = .string(created) }
            if object["modified"] == nil { object["modified"] = .string(modified) }
            return object
        }

        var relationships: [[String: STIXValue]] = []
        func relate(_ source: String, _ type: String, _ target: String, description: String? = nil) {
            var properties: [String: STIXValue] = [
                "relationship_type": .string(type), "source_ref": .string(source), "target_ref": .string(target),
            ]
            if let description { properties["description"] = .string(description) }
            relationships.append(domainObject("relationship", id: derivedID("relationship", incidentKey, source, type, target),
                                              properties))
        }

        var objects: [[String: STIXValue]] = [incident.tlp.stixMarkingDefinition]

        objects.append(domainObject("extension-definition", id: extensionID, [
            "created": .string(extensionDefinitionDate),
            "modified": .string(extensionDefinitionDate),
            "name": "Trực ATTT incident properties",
            "description": .string("Properties of incidents recorded in Trực ATTT, the cyber-security platform of a "
                + "Vietnamese provincial government, that STIX 2.1 incidents do not have."),
            "schema": .string(incidentExtensionSchema),
            "version": "1.0.0",
            "extension_types": ["toplevel-property-extension"],
            "extension_properties": .array(incidentPropertyNames.map(STIXValue.string)),
        ]))

        var producerIdentity = domainObject("identity", id: producerID, [
            "created": .string(exported), "modified": .string(exported),
            "name": .string(producer.name), "identity_class": "organization", "sectors": ["government-regional"],
        ])
        producerIdentity["created_by_ref"] = nil
        objects.append(producerIdentity)

        var reporterProperties: [String: STIXValue] = [
            "created": .string(exported), "modified": .string(exported),
            "name": .string(incident.reporter.name), "identity_class": "organization",
        ]
        if !incident.confidential, let contact = incident.reporter.contactLine {
            reporterProperties["contact_information"] = .string(contact)
        }
        if reporterID != producerID {
            objects.append(domainObject("identity", id: reporterID, reporterProperties))
        }

        var incidentProperties: [String: STIXValue] = [
            "name": .string(incident.title),
            "external_references": [["source_name": "truc-attt", "external_id": .string(incident.reference)]],
            "extensions": .object([extensionID: ["extension_type": "toplevel-property-extension"]]),
            "x_truc_status": .string(incident.status),
            "x_truc_tlp": .string(incident.tlp.label),
            "x_truc_detected_at": .string(detected),
            "x_truc_confidential": .bool(incident.confidential),
        ]
        if !incident.description.isEmpty { incidentProperties["description"] = .string(incident.description) }
        if let severity = incident.severity { incidentProperties["x_truc_severity"] = .string(severity) }
        if let category = incident.category { incidentProperties["x_truc_category"] = .string(category) }
        if let reportedAt = incident.reportedAt { incidentProperties["x_truc_reported_at"] = .string(reportedAt.stixTimestamp) }
        objects.append(domainObject("incident", id: incidentID, incidentProperties))
        relate(incidentID, "related-to", reporterID, description: "Đơn vị báo cáo sự cố / Reporting unit")

        let observables = incident.uniqueObservables
        let cyberObservables = observables.compactMap { observable -> [String: STIXValue]? in
            guard var object = observable.stixObservableObject else { return nil }
            object["object_marking_refs"] = markingRefs
            return object
        }
        let observedDataID = derivedID("observed-data", incidentKey)
        if !cyberObservables.isEmpty {
            objects.append(domainObject("observed-data", id: observedDataID, [
                "first_observed": .string(detected),
                "last_observed": .string(detected),
                "number_observed": 1,
                "object_refs": .array(cyberObservables.compactMap { $0["id"] }),
            ]))
            relate(incidentID, "related-to", observedDataID)
            objects.append(contentsOf: cyberObservables)
        }

        for observable in observables {
            guard let pattern = observable.stixPattern else { continue }
            let indicatorID = derivedID("indicator", incidentKey, observable.kind.rawValue, observable.value)
            objects.append(domainObject("indicator", id: indicatorID, [
                "name": .string(observable.value),
                "description": .string("\(observable.kind.vietnamese) trong sự cố \(incident.reference) / "
                    + "\(observable.kind.english) in incident \(incident.reference)"),
                "indicator_types": ["malicious-activity"],
                "pattern": .string(pattern),
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": .string(detected),
            ]))
            relate(indicatorID, "based-on", observedDataID)
            relate(indicatorID, "related-to", incidentID)
        }

        for cve in incident.cveIDs {
            let vulnerabilityID = derivedID("vulnerability", incidentKey, cve)
            objects.append(domainObject("vulnerability", id: vulnerabilityID, [
                "name": .string(cve),
                "external_references": [["source_name": "cve", "external_id": .string(cve)]],
            ]))
            relate(incidentID, "related-to", vulnerabilityID)
        }

        objects.append(contentsOf: relationships)
        return STIXBundle(id: derivedID("bundle", incidentKey, exported), objects: objects)
    }

    /// The plain-text schema of the incident extension (STIX 2.1 allows a schema "as plain text").
    static let incidentExtensionSchema = """
        Top-level properties of an incident object, all optional: \
        x_truc_status (string): the workflow status in Trực ATTT (new, triage, investigating, contained, closed, …); \
        x_truc_severity (string): critical, high, medium or low; \
        x_truc_category (string): the kind of incident (malware, phishing, defacement, …); \
        x_truc_tlp (string): the TLP 2.0 label (TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED), \
        of which object_marking_refs holds the nearest STIX TLP 1.0 marking; \
        x_truc_detected_at and x_truc_reported_at (timestamp): when the incident was detected and reported to the \
        province; x_truc_confidential (boolean): whether the incident is confidential.
        """
}
