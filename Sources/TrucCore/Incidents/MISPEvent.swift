import Foundation

/// A MISP event in MISP's JSON exchange format (`{"Event": {…}}`), as MISP imports it ("Add event from JSON") and
/// as its sync and feeds exchange it.
public struct MISPEvent: Sendable, Hashable {
    /// Lower-case UUID.
    public var uuid: String
    /// The event's title.
    public var info: String
    /// The event's date, "YYYY-MM-DD".
    public var date: String
    /// Unix seconds of the event's last change, as a string.
    public var timestamp: String
    /// Whether the event is published (the export never publishes: the receiving analyst does).
    public var published: Bool
    /// "0" initial, "1" ongoing, "2" completed.
    public var analysis: String
    /// "1" high, "2" medium, "3" low, "4" undefined.
    public var threatLevelID: String
    /// "0" the organisation only, "1" this community, "2" connected communities, "3" all communities.
    public var distribution: String
    /// The name of the creating organisation (`Orgc`).
    public var orgName: String
    /// Tag names ("tlp:amber").
    public var tags: [String]
    /// The attributes.
    public var attributes: [MISPAttribute]

    public init(uuid: String, info: String, date: String, timestamp: String, published: Bool = false,
                analysis: String, threatLevelID: String, distribution: String, orgName: String, tags: [String],
                attributes: [MISPAttribute]) {
        self.uuid = uuid
        self.info = info
        self.date = date
        self.timestamp = timestamp
        self.published = published
        self.analysis = analysis
        self.threatLevelID = threatLevelID
        self.distribution = distribution
        self.orgName = orgName
        self.tags = tags
        self.attributes = attributes
    }
}
