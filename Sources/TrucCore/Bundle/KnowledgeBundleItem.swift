import Foundation

/// One line of a bundle's payload: `{"kind": "...", ...}`. A reader skips (and counts) kinds it does not know, so
/// that a newer exporter can add kinds (e.g. "epss") without breaking older readers.
public enum KnowledgeBundleItem: Sendable, Equatable, Codable {
    /// A CVE record, as the knowledge base stores it.
    case cve(CVERecord)
    /// The whole CISA KEV catalog as it stands (a catalog JSON document, so removals carry over).
    case kev(catalog: String)
    /// A CSAF document, whole, with where it came from.
    case csaf(CSAF)
    /// A kind this version does not know.
    case unknown(kind: String)

    public struct CSAF: Sendable, Equatable, Codable {
        public var trackingID: String
        public var publisher: String
        public var url: String?
        /// "verified", "unchecked" or "none", as stored on the exporting side.
        public var signature: String
        /// The document's JSON text.
        public var content: String

        public init(trackingID: String, publisher: String, url: String?, signature: String, content: String) {
            self.trackingID = trackingID
            self.publisher = publisher
            self.url = url
            self.signature = signature
            self.content = content
        }
    }

    public var kind: String {
        switch self {
        case .cve: "cve"
        case .kev: "kev"
        case .csaf: "csaf"
        case .unknown(let kind): kind
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, cve, catalog, csaf }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "cve": self = .cve(try container.decode(CVERecord.self, forKey: .cve))
        case "kev": self = .kev(catalog: try container.decode(String.self, forKey: .catalog))
        case "csaf": self = .csaf(try container.decode(CSAF.self, forKey: .csaf))
        default: self = .unknown(kind: kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .cve(let record): try container.encode(record, forKey: .cve)
        case .kev(let catalog): try container.encode(catalog, forKey: .catalog)
        case .csaf(let document): try container.encode(document, forKey: .csaf)
        case .unknown: break
        }
    }

    /// One payload line (no trailing newline). Dates as ISO-8601 with fractional seconds.
    public func line() throws -> Data {
        try Self.encoder.encode(self)
    }

    public static func decode(line: Data) throws(KnowledgeBundleError) -> KnowledgeBundleItem {
        do {
            return try decoder.decode(KnowledgeBundleItem.self, from: line)
        } catch {
            throw .invalidPayload("an item is not valid (\(error))")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return decoder
    }()
}
