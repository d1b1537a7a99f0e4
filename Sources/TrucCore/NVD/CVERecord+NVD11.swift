import Foundation

extension CVERecord {
    /// One `CVE_Items` element of an NVD JSON 1.1 feed.
    ///
    /// Each top-level node of `configurations.nodes` becomes one `CPEConfiguration` (OR over that single node),
    /// its `children` kept as child nodes. Metrics come from `impact.baseMetricV3` and `baseMetricV2` (source
    /// "nvd@nist.gov", primary). Invalid CPE names or CVSS vectors are dropped and noted in `problems`.
    /// Throws `FeedError.invalidRecord` when the bytes are not an object, a field has the wrong type, or the id is
    /// missing or malformed.
    public init(nvd11Item bytes: [UInt8]) throws(FeedError) {
        var cache = NVDFeedReader.DecodeCache()
        try self.init(nvd11Item: bytes, cache: &cache)
    }

    /// `init(nvd11Item:)` reusing the parsed vectors and names of earlier records.
    init(nvd11Item bytes: [UInt8], cache: inout NVDFeedReader.DecodeCache) throws(FeedError) {
        let item: NVD11Item
        do {
            item = try cache.decoder.decode(NVD11Item.self, from: Data(bytes))
        } catch {
            throw .invalidRecord(Self.reason(error))
        }
        guard let id = item.cve?.meta?.id else { throw .invalidRecord("cve.CVE_data_meta.ID: missing") }
        guard Self.isValidID(id) else { throw .invalidRecord("\"\(id)\" is not a CVE id (CVE-yyyy-nnnn)") }
        self.init(id: id)
        let cve = item.cve!
        description = cve.description?.data?.first(where: { $0.lang == "en" })?.value ?? ""
        published = date(item.publishedDate, field: "publishedDate")
        lastModified = date(item.lastModifiedDate, field: "lastModifiedDate")
        for problem in cve.problemtype?.data ?? [] {
            for entry in problem.description ?? [] { addWeakness(entry.value) }
        }
        for reference in cve.references?.data ?? [] {
            if let url = reference.url { addReference(url) }
        }
        if let v3 = item.impact?.baseMetricV3?.cvssV3 {
            addMetric(vector: v3.vectorString, source: "nvd@nist.gov", primary: true, feedScore: v3.baseScore,
                      cache: &cache)
        }
        if let v2 = item.impact?.baseMetricV2?.cvssV2 {
            addMetric(vector: v2.vectorString, source: "nvd@nist.gov", primary: true, feedScore: v2.baseScore,
                      cache: &cache)
        }
        for node in item.configurations?.nodes ?? [] {
            configurations.append(CPEConfiguration(nodes: [self.node(node, cache: &cache)]))
        }
    }

    private mutating func node(_ node: NVD11Item.Node, cache: inout NVDFeedReader.DecodeCache)
        -> CPEConfiguration.Node {
        var criteria: [CPEMatchCriterion] = []
        for match in node.cpeMatch ?? [] {
            guard let uri = match.cpe23Uri else {
                problems.append("CPE match without cpe23Uri dropped")
                continue
            }
            if let criterion = criterion(uri, vulnerable: match.vulnerable ?? true,
                                         startIncluding: match.versionStartIncluding,
                                         startExcluding: match.versionStartExcluding,
                                         endIncluding: match.versionEndIncluding,
                                         endExcluding: match.versionEndExcluding, id: nil, cache: &cache) {
                criteria.append(criterion)
            }
        }
        var children: [CPEConfiguration.Node] = []
        for child in node.children ?? [] { children.append(self.node(child, cache: &cache)) }
        return CPEConfiguration.Node(CPEConfiguration.Operator(rawValue: node.operator ?? "OR") ?? .or,
                                     negate: node.negate ?? false, criteria: criteria, children: children)
    }
}

/// The parts of an NVD 1.1 `CVE_Items` element that a `CVERecord` keeps. Everything optional, so that a missing
/// part is tolerated; a part of the wrong type fails the record.
private struct NVD11Item: Decodable {
    let cve: CVE?
    let configurations: Configurations?
    let impact: Impact?
    let publishedDate: String?
    let lastModifiedDate: String?

    struct CVE: Decodable {
        let meta: Meta?
        let problemtype: ProblemType?
        let references: References?
        let description: Descriptions?

        enum CodingKeys: String, CodingKey {
            case meta = "CVE_data_meta", problemtype, references, description
        }
    }

    struct Meta: Decodable {
        let id: String?
        enum CodingKeys: String, CodingKey { case id = "ID" }
    }

    struct ProblemType: Decodable {
        let data: [Problem]?
        enum CodingKeys: String, CodingKey { case data = "problemtype_data" }
    }

    struct Problem: Decodable {
        let description: [LangString]?
    }

    struct LangString: Decodable {
        let lang: String?
        let value: String
    }

    struct References: Decodable {
        let data: [Reference]?
        enum CodingKeys: String, CodingKey { case data = "reference_data" }
    }

    struct Reference: Decodable {
        let url: String?
    }

    struct Descriptions: Decodable {
        let data: [LangString]?
        enum CodingKeys: String, CodingKey { case data = "description_data" }
    }

    struct Configurations: Decodable {
        let nodes: [Node]?
    }

    struct Node: Decodable {
        let `operator`: String?
        let negate: Bool?
        let children: [Node]?
        let cpeMatch: [Match]?
        enum CodingKeys: String, CodingKey { case `operator`, negate, children, cpeMatch = "cpe_match" }
    }

    struct Match: Decodable {
        let vulnerable: Bool?
        let cpe23Uri: String?
        let versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding: String?
    }

    struct Impact: Decodable {
        let baseMetricV3: MetricV3?
        let baseMetricV2: MetricV2?
    }

    struct MetricV3: Decodable {
        let cvssV3: CVSSData?
    }

    struct MetricV2: Decodable {
        let cvssV2: CVSSData?
    }

    struct CVSSData: Decodable {
        let vectorString: String?
        let baseScore: Double?
    }
}
