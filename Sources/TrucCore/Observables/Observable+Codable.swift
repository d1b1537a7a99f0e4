import Foundation

extension Observable: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind
        case value
    }

    /// Decodes `{"kind": "ipv4", "value": "203.0.113.7"}`, validating and normalising the value like
    /// `init(kind:value:)`; a value that is not valid for its kind is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(ObservableKind.self, forKey: .kind)
        let text = try container.decode(String.self, forKey: .value)
        do {
            try self.init(kind: kind, value: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
    }
}
