/// Compact JSON for storing configurations in the database, with short keys and defaults left out:
///
/// - configuration `{"op":"AND","neg":true,"nodes":[…]}` — `op` omitted when OR, `neg` when false, `nodes` when empty;
/// - node `{"op":"AND","neg":true,"c":[…],"ch":[…]}` — `op` omitted when OR, `neg` when false, `c` (criteria) and
///   `ch` (children) when empty;
/// - criterion `{"cpe":"cpe:2.3:…","v":true,"si":"1.0","se":…,"ei":…,"ee":…,"id":"…"}` — `cpe` is the 2.3
///   formatted string, `v` whether it is vulnerable (always written), `si`/`se`/`ei`/`ee` the version bounds
///   (start/end including/excluding, as the feed wrote them), `id` the NVD match criteria id; absent ones omitted.
///
/// Decoding gives back an equal value. Decoding is lenient about defaults (a missing `v` is `true`) but strict
/// about values: an unknown operator or an invalid CPE name fails.
extension CPEConfiguration: Codable {
    private enum CodingKeys: String, CodingKey {
        case `operator` = "op", negate = "neg", nodes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decodeIfPresent(Operator.self, forKey: .operator) ?? .or,
                  negate: try container.decodeIfPresent(Bool.self, forKey: .negate) ?? false,
                  nodes: try container.decodeIfPresent([Node].self, forKey: .nodes) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if `operator` != .or { try container.encode(`operator`, forKey: .operator) }
        if negate { try container.encode(true, forKey: .negate) }
        if !nodes.isEmpty { try container.encode(nodes, forKey: .nodes) }
    }
}

extension CPEConfiguration.Node: Codable {
    private enum CodingKeys: String, CodingKey {
        case `operator` = "op", negate = "neg", criteria = "c", children = "ch"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decodeIfPresent(CPEConfiguration.Operator.self, forKey: .operator) ?? .or,
                  negate: try container.decodeIfPresent(Bool.self, forKey: .negate) ?? false,
                  criteria: try container.decodeIfPresent([CPEMatchCriterion].self, forKey: .criteria) ?? [],
                  children: try container.decodeIfPresent([CPEConfiguration.Node].self, forKey: .children) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if `operator` != .or { try container.encode(`operator`, forKey: .operator) }
        if negate { try container.encode(true, forKey: .negate) }
        if !criteria.isEmpty { try container.encode(criteria, forKey: .criteria) }
        if !children.isEmpty { try container.encode(children, forKey: .children) }
    }
}

extension CPEMatchCriterion: Codable {
    private enum CodingKeys: String, CodingKey {
        case cpe, vulnerable = "v", startIncluding = "si", startExcluding = "se", endIncluding = "ei",
             endExcluding = "ee", id
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .cpe)
        let name: CPEName
        do {
            name = try CPEName(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .cpe, in: container, debugDescription: error.english)
        }
        func bound(_ including: CodingKeys, _ excluding: CodingKeys) throws -> VersionRange.Bound? {
            if let text = try container.decodeIfPresent(String.self, forKey: including) {
                return .including(VendorVersion(text))
            }
            if let text = try container.decodeIfPresent(String.self, forKey: excluding) {
                return .excluding(VendorVersion(text))
            }
            return nil
        }
        let range = VersionRange(start: try bound(.startIncluding, .startExcluding),
                                 end: try bound(.endIncluding, .endExcluding))
        self.init(criteria: name, vulnerable: try container.decodeIfPresent(Bool.self, forKey: .vulnerable) ?? true,
                  range: range, id: try container.decodeIfPresent(String.self, forKey: .id))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(criteria.formattedString, forKey: .cpe)
        try container.encode(vulnerable, forKey: .vulnerable)
        switch range?.start {
        case .including(let version): try container.encode(version.text, forKey: .startIncluding)
        case .excluding(let version): try container.encode(version.text, forKey: .startExcluding)
        case nil: break
        }
        switch range?.end {
        case .including(let version): try container.encode(version.text, forKey: .endIncluding)
        case .excluding(let version): try container.encode(version.text, forKey: .endExcluding)
        case nil: break
        }
        try container.encodeIfPresent(id, forKey: .id)
    }
}
