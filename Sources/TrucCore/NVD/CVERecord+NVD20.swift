import Foundation

extension CVERecord {
    /// One `vulnerabilities` element of an NVD CVE API 2.0 response (`{"cve": {...}}`), or a bare `cve` object
    /// (as in a single-record file).
    ///
    /// Each element of `configurations` becomes one `CPEConfiguration` (its `operator` absent = OR). Metrics come
    /// from `cvssMetricV40`, `V31`, `V30` and `V2` with their `source` and `type` ("Primary" → `primary`). The
    /// English description is kept. Invalid CPE names or CVSS vectors are dropped and noted in `problems`.
    /// Throws `FeedError.invalidRecord` when the bytes are not an object, a field has the wrong type, or the id is
    /// missing or malformed.
    public init(nvd20Item bytes: [UInt8]) throws(FeedError) {
        var cache = NVDFeedReader.DecodeCache()
        try self.init(nvd20Item: bytes, cache: &cache)
    }

    /// `init(nvd20Item:)` reusing the parsed vectors and names of earlier records.
    init(nvd20Item bytes: [UInt8], cache: inout NVDFeedReader.DecodeCache) throws(FeedError) {
        let cve: NVD20Record
        do {
            let data = Data(bytes)
            let wrapper = try cache.decoder.decode(NVD20Wrapper.self, from: data)
            if let wrapped = wrapper.cve {
                cve = wrapped
            } else {
                cve = try cache.decoder.decode(NVD20Record.self, from: data)
            }
        } catch {
            throw .invalidRecord(Self.reason(error))
        }
        try self.init(nvd20: cve, cache: &cache)
    }

    private init(nvd20 cve: NVD20Record, cache: inout NVDFeedReader.DecodeCache) throws(FeedError) {
        guard let id = cve.id else { throw .invalidRecord("cve.id: missing") }
        guard Self.isValidID(id) else { throw .invalidRecord("\"\(id)\" is not a CVE id (CVE-yyyy-nnnn)") }
        self.init(id: id, status: cve.vulnStatus)
        description = cve.descriptions?.first(where: { $0.lang == "en" })?.value ?? ""
        published = date(cve.published, field: "published")
        lastModified = date(cve.lastModified, field: "lastModified")
        for weakness in cve.weaknesses ?? [] {
            for entry in weakness.description ?? [] { addWeakness(entry.value) }
        }
        for reference in cve.references ?? [] {
            if let url = reference.url { addReference(url) }
        }
        if let metrics = cve.metrics {
            for metric in (metrics.cvssMetricV40 ?? []) + (metrics.cvssMetricV31 ?? []) + (metrics.cvssMetricV30 ?? [])
                + (metrics.cvssMetricV2 ?? []) {
                addMetric(vector: metric.cvssData?.vectorString, source: metric.source,
                          primary: metric.type.map { $0.caseInsensitiveCompare("Primary") == .orderedSame } ?? true,
                          feedScore: metric.cvssData?.baseScore, cache: &cache)
            }
        }
        for configuration in cve.configurations ?? [] {
            var nodes: [CPEConfiguration.Node] = []
            for node in configuration.nodes ?? [] { nodes.append(self.node(node, cache: &cache)) }
            configurations.append(CPEConfiguration(
                configuration.operator.flatMap(CPEConfiguration.Operator.init(rawValue:)) ?? .or,
                negate: configuration.negate ?? false, nodes: nodes))
        }
    }

    private mutating func node(_ node: NVD20Record.Node, cache: inout NVDFeedReader.DecodeCache)
        -> CPEConfiguration.Node {
        var criteria: [CPEMatchCriterion] = []
        for match in node.cpeMatch ?? [] {
            guard let text = match.criteria else {
                problems.append("CPE match without criteria dropped")
                continue
            }
            if let criterion = criterion(text, vulnerable: match.vulnerable ?? true,
                                         startIncluding: match.versionStartIncluding,
                                         startExcluding: match.versionStartExcluding,
                                         endIncluding: match.versionEndIncluding,
                                         endExcluding: match.versionEndExcluding, id: match.matchCriteriaId,
                                         cache: &cache) {
                criteria.append(criterion)
            }
        }
        var children: [CPEConfiguration.Node] = []
        for child in node.children ?? [] { children.append(self.node(child, cache: &cache)) }
        return CPEConfiguration.Node(CPEConfiguration.Operator(rawValue: node.operator ?? "OR") ?? .or,
                                     negate: node.negate ?? false, criteria: criteria, children: children)
    }
}

/// `{"cve": {...}}` of an API 2.0 `vulnerabilities` element; `cve` is `nil` for a bare record.
private struct NVD20Wrapper: Decodable {
    let cve: NVD20Record?
}

/// The parts of an NVD API 2.0 `cve` object that a `CVERecord` keeps. Everything optional, so that a missing
/// part is tolerated; a part of the wrong type fails the record.
private struct NVD20Record: Decodable {
    let id: String?
    let published: String?
    let lastModified: String?
    let vulnStatus: String?
    let descriptions: [LangString]?
    let metrics: Metrics?
    let weaknesses: [Weakness]?
    let configurations: [Configuration]?
    let references: [Reference]?

    struct LangString: Decodable {
        let lang: String?
        let value: String
    }

    struct Metrics: Decodable {
        let cvssMetricV40, cvssMetricV31, cvssMetricV30, cvssMetricV2: [Metric]?
    }

    struct Metric: Decodable {
        let source: String?
        let type: String?
        let cvssData: CVSSData?
    }

    struct CVSSData: Decodable {
        let vectorString: String?
        let baseScore: Double?
    }

    struct Weakness: Decodable {
        let description: [LangString]?
    }

    struct Configuration: Decodable {
        let `operator`: String?
        let negate: Bool?
        let nodes: [Node]?
    }

    struct Node: Decodable {
        let `operator`: String?
        let negate: Bool?
        let cpeMatch: [Match]?
        /// Not in the 2.0 schema; read should a producer nest nodes as 1.1 did.
        let children: [Node]?
    }

    struct Match: Decodable {
        let vulnerable: Bool?
        let criteria: String?
        let matchCriteriaId: String?
        let versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding: String?
    }

    struct Reference: Decodable {
        let url: String?
    }
}
