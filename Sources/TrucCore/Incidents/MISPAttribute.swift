import Foundation

/// One attribute of a MISP event: an observable with its MISP type and category.
public struct MISPAttribute: Sendable, Hashable, Codable {
    /// Lower-case UUID.
    public var uuid: String
    /// The MISP attribute type: "ip-dst", "domain", "url", "email", "md5", "sha1", "sha256", "vulnerability".
    public var type: String
    /// The MISP category: "Network activity", "Payload delivery", "External analysis".
    public var category: String
    /// The value.
    public var value: String
    /// Whether IDS rules may be generated from it.
    public var toIDs: Bool
    /// Unix seconds, as a string.
    public var timestamp: String
    /// "5": the event's distribution.
    public var distribution: String
    /// A free comment, left out of the JSON when nil.
    public var comment: String?

    public init(uuid: String, type: String, category: String, value: String, toIDs: Bool, timestamp: String,
                distribution: String = "5", comment: String? = nil) {
        self.uuid = uuid
        self.type = type
        self.category = category
        self.value = value
        self.toIDs = toIDs
        self.timestamp = timestamp
        self.distribution = distribution
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case uuid, type, category, value, timestamp, distribution, comment
        case toIDs = "to_ids"
    }
}
