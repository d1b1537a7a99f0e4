import Foundation

extension TLP {
    /// The STIX 2.1 predefined TLP marking this TLP 2.0 level is exported as. STIX 2.1 (§7.2.1.4) predefines only
    /// the four TLP 1.0 markings, so: CLEAR → TLP:WHITE, GREEN → TLP:GREEN, AMBER and AMBER+STRICT → TLP:AMBER
    /// (AMBER+STRICT's narrower audience is kept in the incident's `x_truc_tlp` property), RED → TLP:RED.
    public var stixTLPName: String {
        switch self {
        case .clear: "white"
        case .green: "green"
        case .amber, .amberStrict: "amber"
        case .red: "red"
        }
    }

    /// The fixed identifier of the predefined marking, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    /// for TLP:GREEN.
    public var stixMarkingDefinitionID: String {
        switch self {
        case .clear: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
        case .green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
        case .amber, .amberStrict: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
        case .red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
        }
    }

    /// The predefined marking-definition object, exactly as STIX 2.1 §7.2.1.4 writes it.
    public var stixMarkingDefinition: [String: STIXValue] {
        [
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": .string(stixMarkingDefinitionID),
            "created": "2017-01-20T00:00:00.000Z",
            "definition_type": "tlp",
            "name": .string("TLP:\(stixTLPName.uppercased())"),
            "definition": ["tlp": .string(stixTLPName)],
        ]
    }

    /// The MISP tag of the level in the `tlp` taxonomy, which has the TLP 2.0 names: "tlp:clear", "tlp:amber+strict".
    public var mispTag: String { "tlp:\(rawValue.lowercased())" }
}
