import Foundation

/// A CSAF 2.0 document (`csaf_security_advisory`, `csaf_vex`, `csaf_base`, or a vendor's own category) read whole:
/// its tracking data, a flat table of its products and its vulnerabilities with their product statuses.
///
/// Products are flattened from `product_tree`:
/// - `branches`: each branch that carries a `product` gives one, named by the branch names from the root joined
///   with " › " (e.g. "CSAF Tools › CVRF-CSAF-Converter › 1.0.0-rc1"), whatever the categories (`vendor`,
///   `product_family`, `product_name`, `product_version`, `product_version_range` with a `vers:` or free-text
///   range, `service_pack`, `architecture`, ...);
/// - `full_product_names`: named by their `name`;
/// - `relationships` (`default_component_of`, `installed_on`, ...): the product of `full_product_name`, named by
///   its `name` (or "X installed on Y" from the two referenced products when it has none), with the CPE and purl
///   of its own identification helper, else those of its `product_reference`.
///
/// A CPE comes from `product_identification_helper.cpe` (2.3 formatted string or 2.2 URI); one that does not
/// parse is left out (the product can then not be matched). Optional parts may be missing; a document without
/// `document.tracking.id` is not taken for CSAF.
public struct CSAFDocument: Sendable {
    /// One product of the product tree.
    public struct Product: Sendable, Hashable {
        public var id: String
        public var name: String
        public var cpe: CPEName?
        public var purl: String?

        public init(id: String, name: String, cpe: CPEName? = nil, purl: String? = nil) {
            self.id = id
            self.name = name
            self.cpe = cpe
            self.purl = purl
        }
    }

    /// What to do about a vulnerability for some products.
    public struct Remediation: Sendable, Hashable {
        /// `vendor_fix`, `workaround`, `mitigation`, `no_fix_planned`, `none_available`.
        public var category: String
        public var details: String
        public var url: String?
        public var productIDs: [String]

        public init(category: String, details: String, url: String? = nil, productIDs: [String] = []) {
            self.category = category
            self.details = details
            self.url = url
            self.productIDs = productIDs
        }
    }

    /// One element of `vulnerabilities`.
    public struct Vulnerability: Sendable, Hashable {
        public var cve: String?
        public var title: String?
        /// The texts of the notes of category `description` or `summary`, joined by a blank line; without such
        /// notes those of category `general` (as Red Hat writes), else the title.
        public var summary: String
        /// From `scores[].cvss_v3` and `cvss_v2` (their `vectorString`), deduplicated; invalid vectors left out.
        public var metrics: [CVSSMetric]
        /// Product ids of `known_affected`, `first_affected` and `last_affected`.
        public var knownAffected: [String]
        /// Product ids of `fixed` and `first_fixed`.
        public var fixed: [String]
        public var knownNotAffected: [String]
        public var underInvestigation: [String]
        public var remediations: [Remediation]
        /// `cwe.id`, e.g. "CWE-611".
        public var cwe: String?
        /// The vulnerability's own reference URLs.
        public var references: [String]
        /// `release_date` (else `discovery_date`), when given.
        public var releaseDate: Date?

        public init(cve: String? = nil, title: String? = nil, summary: String = "", metrics: [CVSSMetric] = [],
                    knownAffected: [String] = [], fixed: [String] = [], knownNotAffected: [String] = [],
                    underInvestigation: [String] = [], remediations: [Remediation] = [], cwe: String? = nil,
                    references: [String] = [], releaseDate: Date? = nil) {
            self.cve = cve
            self.title = title
            self.summary = summary
            self.metrics = metrics
            self.knownAffected = knownAffected
            self.fixed = fixed
            self.knownNotAffected = knownNotAffected
            self.underInvestigation = underInvestigation
            self.remediations = remediations
            self.cwe = cwe
            self.references = references
            self.releaseDate = releaseDate
        }
    }

    /// `document.tracking.id`, e.g. "RHSA-2022:0011".
    public var trackingID: String
    public var title: String
    /// `document.publisher.name`.
    public var publisher: String
    /// `document.category`, e.g. "csaf_security_advisory" or "csaf_vex".
    public var category: String
    public var initialRelease: Date?
    public var currentRelease: Date?
    /// `document.distribution.tlp.label`, e.g. "WHITE".
    public var tlp: String?
    /// The document's reference URLs.
    public var references: [String]
    /// Every product by its id.
    public var products: [String: Product]
    public var vulnerabilities: [Vulnerability]

    /// Throws `FeedError.unknownFormat` when `data` is not JSON or not a CSAF document (no `document.tracking.id`).
    public init(data: Data) throws(FeedError) {
        let raw: RawCSAF
        do {
            raw = try JSONDecoder().decode(RawCSAF.self, from: data)
        } catch {
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .unknownFormat("not JSON (\(context.debugDescription))")
            }
            throw .unknownFormat("not a CSAF document: \(CVERecord.reason(error))")
        }
        guard let document = raw.document else {
            throw .unknownFormat("not a CSAF document: no \"document\" object")
        }
        guard let trackingID = document.tracking?.id, !trackingID.isEmpty else {
            throw .unknownFormat("not a CSAF document: document.tracking.id is missing")
        }
        self.trackingID = trackingID
        title = document.title ?? ""
        publisher = document.publisher?.name ?? ""
        category = document.category ?? ""
        initialRelease = document.tracking?.initialReleaseDate.flatMap(NVDFeedFormat.date)
        currentRelease = document.tracking?.currentReleaseDate.flatMap(NVDFeedFormat.date)
        tlp = document.distribution?.tlp?.label
        references = Self.unique((document.references ?? []).compactMap(\.url))
        products = [:]
        vulnerabilities = []
        if let tree = raw.productTree {
            addBranches(tree.branches ?? [], path: [])
            for full in tree.fullProductNames ?? [] { add(full, name: full.name ?? "", fallback: nil) }
            for relationship in tree.relationships ?? [] {
                guard let full = relationship.fullProductName else { continue }
                let reference = relationship.productReference.flatMap { products[$0] }
                let platform = relationship.relatesToProductReference.flatMap { products[$0] }
                var name = full.name ?? ""
                if name.isEmpty {
                    name = "\(reference?.name ?? relationship.productReference ?? "?") installed on "
                        + "\(platform?.name ?? relationship.relatesToProductReference ?? "?")"
                }
                add(full, name: name, fallback: reference)
            }
        }
        let source = publisher.isEmpty ? nil : publisher
        vulnerabilities = (raw.vulnerabilities ?? []).map { Self.vulnerability($0, source: source) }
    }

    private mutating func addBranches(_ branches: [RawCSAF.Branch], path: [String]) {
        for branch in branches {
            let path = path + [branch.name ?? ""].filter { !$0.isEmpty }
            if let product = branch.product {
                add(product, name: path.joined(separator: " › "), fallback: nil)
            }
            addBranches(branch.branches ?? [], path: path)
        }
    }

    /// Adds `product` as `name` (its id when `name` is empty), with its own CPE and purl, else those of `fallback`.
    private mutating func add(_ product: RawCSAF.FullProductName, name: String, fallback: Product?) {
        guard let id = product.productID, !id.isEmpty else { return }
        let helper = product.helper
        let cpe = helper?.cpe.flatMap { try? CPEName(parsing: $0) } ?? fallback?.cpe
        products[id] = Product(id: id, name: name.isEmpty ? id : name, cpe: cpe, purl: helper?.purl ?? fallback?.purl)
    }

    private static func vulnerability(_ raw: RawCSAF.Vulnerability, source: String?) -> Vulnerability {
        var result = Vulnerability(cve: raw.cve, title: raw.title)
        func notes(_ categories: Set<String>) -> String {
            (raw.notes ?? []).filter { categories.contains($0.category ?? "") }
                .compactMap(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        result.summary = notes(["description", "summary"])
        if result.summary.isEmpty { result.summary = notes(["general"]) }
        if result.summary.isEmpty { result.summary = raw.title ?? "" }
        for score in raw.scores ?? [] {
            for data in [score.cvssV3, score.cvssV2].compactMap({ $0 }) {
                guard let vector = data.vectorString,
                      let metric = try? CVSSMetric(vector: vector, source: source, primary: true,
                                                   feedScore: data.baseScore),
                      !result.metrics.contains(metric)
                else { continue }
                result.metrics.append(metric)
            }
        }
        let status = raw.productStatus
        result.knownAffected = unique((status?.knownAffected ?? []) + (status?.firstAffected ?? [])
            + (status?.lastAffected ?? []))
        result.fixed = unique((status?.fixed ?? []) + (status?.firstFixed ?? []))
        result.knownNotAffected = unique(status?.knownNotAffected ?? [])
        result.underInvestigation = unique(status?.underInvestigation ?? [])
        result.remediations = (raw.remediations ?? []).map {
            Remediation(category: $0.category ?? "", details: $0.details ?? "", url: $0.url,
                        productIDs: $0.productIDs ?? [])
        }
        result.cwe = raw.cwe?.id
        result.references = unique((raw.references ?? []).compactMap(\.url))
        result.releaseDate = (raw.releaseDate ?? raw.discoveryDate).flatMap(NVDFeedFormat.date)
        return result
    }

    /// `values` without repeats, in first-seen order.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// The parts of a CSAF 2.0 document that `CSAFDocument` reads; everything optional (lenient), so that only a
/// part of the wrong type fails the document.
private struct RawCSAF: Decodable {
    let document: Document?
    let productTree: ProductTree?
    let vulnerabilities: [Vulnerability]?

    enum CodingKeys: String, CodingKey {
        case document, productTree = "product_tree", vulnerabilities
    }

    struct Document: Decodable {
        let category: String?
        let title: String?
        let publisher: Publisher?
        let tracking: Tracking?
        let distribution: Distribution?
        let references: [Reference]?
    }

    struct Publisher: Decodable {
        let name: String?
    }

    struct Tracking: Decodable {
        let id: String?
        let initialReleaseDate: String?
        let currentReleaseDate: String?
        enum CodingKeys: String, CodingKey {
            case id, initialReleaseDate = "initial_release_date", currentReleaseDate = "current_release_date"
        }
    }

    struct Distribution: Decodable {
        let tlp: TLP?
    }

    struct TLP: Decodable {
        let label: String?
    }

    struct Reference: Decodable {
        let url: String?
    }

    struct ProductTree: Decodable {
        let branches: [Branch]?
        let fullProductNames: [FullProductName]?
        let relationships: [Relationship]?
        enum CodingKeys: String, CodingKey {
            case branches, fullProductNames = "full_product_names", relationships
        }
    }

    struct Branch: Decodable {
        let category: String?
        let name: String?
        let product: FullProductName?
        let branches: [Branch]?
    }

    struct FullProductName: Decodable {
        let name: String?
        let productID: String?
        let helper: Helper?
        enum CodingKeys: String, CodingKey {
            case name, productID = "product_id", helper = "product_identification_helper"
        }
    }

    struct Helper: Decodable {
        let cpe: String?
        let purl: String?
    }

    struct Relationship: Decodable {
        let category: String?
        let fullProductName: FullProductName?
        let productReference: String?
        let relatesToProductReference: String?
        enum CodingKeys: String, CodingKey {
            case category, fullProductName = "full_product_name", productReference = "product_reference",
                 relatesToProductReference = "relates_to_product_reference"
        }
    }

    struct Vulnerability: Decodable {
        let cve: String?
        let title: String?
        let notes: [Note]?
        let scores: [Score]?
        let productStatus: ProductStatus?
        let remediations: [Remediation]?
        let cwe: CWE?
        let references: [Reference]?
        let releaseDate: String?
        let discoveryDate: String?
        enum CodingKeys: String, CodingKey {
            case cve, title, notes, scores, productStatus = "product_status", remediations, cwe, references,
                 releaseDate = "release_date", discoveryDate = "discovery_date"
        }
    }

    struct Note: Decodable {
        let category: String?
        let text: String?
    }

    struct Score: Decodable {
        let cvssV3: CVSS?
        let cvssV2: CVSS?
        enum CodingKeys: String, CodingKey { case cvssV3 = "cvss_v3", cvssV2 = "cvss_v2" }
    }

    struct CVSS: Decodable {
        let vectorString: String?
        let baseScore: Double?
    }

    struct ProductStatus: Decodable {
        let knownAffected, firstAffected, lastAffected, fixed, firstFixed, knownNotAffected,
            underInvestigation: [String]?
        enum CodingKeys: String, CodingKey {
            case knownAffected = "known_affected", firstAffected = "first_affected", lastAffected = "last_affected",
                 fixed, firstFixed = "first_fixed", knownNotAffected = "known_not_affected",
                 underInvestigation = "under_investigation"
        }
    }

    struct Remediation: Decodable {
        let category: String?
        let details: String?
        let url: String?
        let productIDs: [String]?
        enum CodingKeys: String, CodingKey { case category, details, url, productIDs = "product_ids" }
    }

    struct CWE: Decodable {
        let id: String?
    }
}
