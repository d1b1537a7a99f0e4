import Foundation

extension MISPEvent: Codable {
    private enum EnvelopeKeys: String, CodingKey {
        case event = "Event"
    }

    private enum EventKeys: String, CodingKey {
        case uuid, info, date, timestamp, published, analysis, distribution
        case threatLevelID = "threat_level_id"
        case orgc = "Orgc"
        case tags = "Tag"
        case attributes = "Attribute"
    }

    private enum NameKeys: String, CodingKey {
        case name
    }

    /// An `Orgc` or a `Tag` read for its name only (MISP adds ids, colours and flags).
    private struct Named: Decodable {
        let name: String
    }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: EnvelopeKeys.self)
        let event = try envelope.nestedContainer(keyedBy: EventKeys.self, forKey: .event)
        uuid = try event.decode(String.self, forKey: .uuid)
        info = try event.decode(String.self, forKey: .info)
        date = try event.decode(String.self, forKey: .date)
        timestamp = try event.decode(String.self, forKey: .timestamp)
        published = try event.decodeIfPresent(Bool.self, forKey: .published) ?? false
        analysis = try event.decode(String.self, forKey: .analysis)
        threatLevelID = try event.decode(String.self, forKey: .threatLevelID)
        distribution = try event.decode(String.self, forKey: .distribution)
        orgName = try event.decode(Named.self, forKey: .orgc).name
        tags = try event.decodeIfPresent([Named].self, forKey: .tags)?.map(\.name) ?? []
        attributes = try event.decodeIfPresent([MISPAttribute].self, forKey: .attributes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: EnvelopeKeys.self)
        var event = envelope.nestedContainer(keyedBy: EventKeys.self, forKey: .event)
        try event.encode(uuid, forKey: .uuid)
        try event.encode(info, forKey: .info)
        try event.encode(date, forKey: .date)
        try event.encode(timestamp, forKey: .timestamp)
        try event.encode(published, forKey: .published)
        try event.encode(analysis, forKey: .analysis)
        try event.encode(threatLevelID, forKey: .threatLevelID)
        try event.encode(distribution, forKey: .distribution)
        var orgc = event.nestedContainer(keyedBy: NameKeys.self, forKey: .orgc)
        try orgc.encode(orgName, forKey: .name)
        var tagList = event.nestedUnkeyedContainer(forKey: .tags)
        for name in tags {
            var tag = tagList.nestedContainer(keyedBy: NameKeys.self)
            try tag.encode(name, forKey: .name)
        }
        try event.encode(attributes, forKey: .attributes)
    }

    /// The event as pretty-printed JSON with sorted keys and unescaped slashes (the same event always gives the
    /// same bytes).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
