/// One scored CVSS vector of a CVE, as the knowledge base stores it.
///
/// `baseScore` and `severity` are computed from the vector with `CVSSVector`, never copied from the feed; the
/// feed's own base score is kept in `feedScore` so that a disagreement can be shown or tested.
public struct CVSSMetric: Sendable, Hashable, Codable {
    /// "2.0", "3.0", "3.1" or "4.0".
    public var version: String
    /// The vector as canonicalised by `CVSSVector` (v2 without a prefix, as NVD writes it).
    public var vector: String
    /// The base score computed from `vector` (for v4 the CVSS-B score).
    public var baseScore: Double
    /// The rating of `baseScore` (NVD's three v2 bands for v2).
    public var severity: CVSSSeverity
    /// Who scored it, e.g. "nvd@nist.gov" or a CNA's address; `nil` when the source does not say.
    public var source: String?
    /// NVD's "Primary" type (the NVD's own analysis); 1.1 feed metrics and advisory scores count as primary.
    public var primary: Bool
    /// The base score the feed published, when it gave one.
    public var feedScore: Double?

    /// Parses and scores `vector`; throws when it is not a valid CVSS vector.
    public init(vector: String, source: String? = nil, primary: Bool = true, feedScore: Double? = nil) throws(CVSSError) {
        let parsed = try CVSSVector(parsing: vector)
        self.version = parsed.version
        self.vector = parsed.vectorString
        self.baseScore = parsed.baseScore
        self.severity = parsed.severity
        self.source = source
        self.primary = primary
        self.feedScore = feedScore
    }

    /// Orders metrics for display: the higher CVSS version first (4.0 > 3.1 > 3.0 > 2.0), then primary before
    /// secondary. `true` when `self` should be shown before `other`.
    public func precedes(_ other: CVSSMetric) -> Bool {
        let (mine, theirs) = (Self.versionRank(version), Self.versionRank(other.version))
        if mine != theirs { return mine > theirs }
        return primary && !other.primary
    }

    /// 40, 31, 30, 20 for the known versions (0 otherwise).
    static func versionRank(_ version: String) -> Int {
        switch version {
        case "4.0": 40
        case "3.1": 31
        case "3.0": 30
        case "2.0": 20
        default: 0
        }
    }
}
