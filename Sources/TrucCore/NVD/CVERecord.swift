import Foundation

/// A CVE as the knowledge base stores it, whatever feed it came from (NVD 1.1, NVD API 2.0, a CSAF advisory).
///
/// Equality, hashing and `Codable` cover the stored fields only, not `problems`.
public struct CVERecord: Sendable, Hashable, Codable {
    /// "CVE-2017-0144": `CVE-`, four digits, `-`, four or more digits.
    public var id: String
    /// The English description ("" if there is none).
    public var description: String
    public var published: Date?
    public var lastModified: Date?
    /// NVD 2.0 `vulnStatus` ("Analyzed", "Awaiting Analysis", "Rejected", ...); `nil` for 1.1 feeds and advisories.
    public var status: String?
    /// Every valid CVSS vector of the record, in feed order.
    public var metrics: [CVSSMetric]
    /// CWE ids such as "CWE-79", deduplicated, without NVD's "NVD-CWE-Other" / "NVD-CWE-noinfo".
    public var weaknesses: [String]
    /// Reference URLs, deduplicated, at most `maxReferences`.
    public var references: [String]
    /// Which platforms are affected (see `CPEConfiguration`); empty when not analysed yet.
    public var configurations: [CPEConfiguration]
    /// What was dropped while decoding (an invalid CPE name or CVSS vector, ...), in English; the record itself
    /// was kept. Not stored: excluded from `Codable`, equality and hashing.
    public var problems: [String] = []

    /// References kept per record.
    public static let maxReferences = 20

    public init(id: String, description: String = "", published: Date? = nil, lastModified: Date? = nil,
                status: String? = nil, metrics: [CVSSMetric] = [], weaknesses: [String] = [],
                references: [String] = [], configurations: [CPEConfiguration] = []) {
        self.id = id
        self.description = description
        self.published = published
        self.lastModified = lastModified
        self.status = status
        self.metrics = metrics
        self.weaknesses = weaknesses
        self.references = references
        self.configurations = configurations
    }

    /// The metric shown and used for severity: the highest CVSS version first (4.0 > 3.1 > 3.0 > 2.0), primary
    /// before secondary, then the first in feed order.
    public var primaryMetric: CVSSMetric? {
        var best: CVSSMetric?
        for metric in metrics where best.map({ metric.precedes($0) }) ?? true {
            best = metric
        }
        return best
    }

    /// The severity of `primaryMetric`.
    public var severity: CVSSSeverity? { primaryMetric?.severity }

    /// Whether `text` has the form of a CVE id: `CVE-` + 4 digits + `-` + at least 4 digits.
    public static func isValidID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 13, text.hasPrefix("CVE-") else { return false }
        var index = 0
        for byte in bytes.dropFirst(4) {
            if index == 4 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            }
            index += 1
        }
        return true
    }

    // MARK: Stored fields only

    private enum CodingKeys: String, CodingKey {
        case id, description, published, lastModified, status, metrics, weaknesses, references, configurations
    }

    public static func == (lhs: CVERecord, rhs: CVERecord) -> Bool {
        lhs.id == rhs.id && lhs.description == rhs.description && lhs.published == rhs.published
            && lhs.lastModified == rhs.lastModified && lhs.status == rhs.status && lhs.metrics == rhs.metrics
            && lhs.weaknesses == rhs.weaknesses && lhs.references == rhs.references
            && lhs.configurations == rhs.configurations
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(description)
        hasher.combine(published)
        hasher.combine(lastModified)
        hasher.combine(status)
        hasher.combine(metrics)
        hasher.combine(weaknesses)
        hasher.combine(references)
        hasher.combine(configurations)
    }

    // MARK: Helpers for the decoders

    /// `text` without surrounding ASCII whitespace; `text` itself (no copy) in the usual case of none.
    /// (Foundation's `trimmingCharacters` goes through `NSString` on Linux and dominated import profiles.)
    static func trimmed(_ text: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }

    /// Adds the CWE id `value` unless it is NVD's placeholder, not a CWE id, or already there.
    mutating func addWeakness(_ value: String) {
        let trimmed = Self.trimmed(value)
        guard trimmed.hasPrefix("CWE-"), !weaknesses.contains(trimmed) else { return }
        weaknesses.append(trimmed)
    }

    /// Adds a reference URL unless it is blank, already there, or `maxReferences` are kept.
    mutating func addReference(_ url: String) {
        let trimmed = Self.trimmed(url)
        guard !trimmed.isEmpty, references.count < Self.maxReferences, !references.contains(trimmed) else { return }
        references.append(trimmed)
    }

    /// Adds the metric of `vector`, or notes in `problems` why it was dropped.
    mutating func addMetric(vector: String?, source: String?, primary: Bool, feedScore: Double?,
                            cache: inout NVDFeedReader.DecodeCache) {
        guard let vector else { return }
        switch cache.metric(vector) {
        case .success(var metric):
            metric.source = source
            metric.primary = primary
            metric.feedScore = feedScore
            if !metrics.contains(metric) { metrics.append(metric) }
        case .failure(let error):
            problems.append("CVSS vector \"\(vector)\" dropped: \(error.english)")
        }
    }

    /// A criterion from NVD texts, or `nil` (noted in `problems`) when its CPE name is invalid.
    mutating func criterion(_ criteria: String, vulnerable: Bool, startIncluding: String?, startExcluding: String?,
                            endIncluding: String?, endExcluding: String?, id: String?,
                            cache: inout NVDFeedReader.DecodeCache) -> CPEMatchCriterion? {
        switch cache.name(criteria) {
        case .success(let name):
            // As `VersionRange(startIncluding:…)` (blank = absent, including wins), without its slow trimming.
            func bound(_ including: String?, _ excluding: String?) -> VersionRange.Bound? {
                if let text = including.map(Self.trimmed), !text.isEmpty { return .including(VendorVersion(text)) }
                if let text = excluding.map(Self.trimmed), !text.isEmpty { return .excluding(VendorVersion(text)) }
                return nil
            }
            let range = VersionRange(start: bound(startIncluding, startExcluding), end: bound(endIncluding, endExcluding))
            return CPEMatchCriterion(criteria: name, vulnerable: vulnerable, range: range, id: id)
        case .failure(let error):
            problems.append("CPE match \"\(criteria)\" dropped: \(error.english)")
            return nil
        }
    }

    /// A short English account of why `JSONDecoder` failed, naming the field, e.g.
    /// "configurations: expected an object (Dictionary<String, Any>), found something else".
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "the record" : path.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context)): wrong type, expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): null or missing, expected \(type)"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context) + "."
            return "\(parent)\(key.stringValue): missing"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `text` as a date, or `nil` (noted in `problems` when a text was given).
    mutating func date(_ text: String?, field: String) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = NVDFeedFormat.date(text) else {
            problems.append("\(field) \"\(text)\" is not a timestamp; left empty")
            return nil
        }
        return date
    }
}
