import Foundation

/// The signed header of an offline knowledge bundle.
public struct KnowledgeBundleHeader: Sendable, Equatable, Codable {
    public static let formatName = "truc-knowledge-bundle"

    public var format: String
    public var version: Int
    public var created: Date
    /// The cursor the export started from; nil for `--since all`.
    public var since: Date?
    /// The next cursor: give it to the next `export --since`.
    public var until: Date
    /// Items per kind ("cve", "kev", "csaf", …).
    public var counts: [String: Int]
    public var payloadSize: Int
    /// Hex SHA-256 of the payload bytes (the gzip).
    public var payloadSHA256: String
    /// Names the signing key: the first 16 hex digits of the SHA-256 of its raw public key.
    public var keyID: String

    public init(created: Date, since: Date?, until: Date, counts: [String: Int], payloadSize: Int, payloadSHA256: String,
                keyID: String) {
        format = Self.formatName
        version = KnowledgeBundleFormat.version
        self.created = created
        self.since = since
        self.until = until
        self.counts = counts
        self.payloadSize = payloadSize
        self.payloadSHA256 = payloadSHA256
        self.keyID = keyID
    }

    public func validate() throws(KnowledgeBundleError) {
        guard format == Self.formatName else { throw .invalidHeader("format \"\(format)\"") }
        if version > KnowledgeBundleFormat.version { throw .unsupportedVersion(version) }
        guard version >= 1 else { throw .invalidHeader("version \(version)") }
        guard payloadSize >= 0 else { throw .invalidHeader("negative payload size") }
        guard payloadSHA256.count == 64, payloadSHA256.allSatisfy(\.isHexDigit) else { throw .invalidHeader("payload hash") }
        guard counts.values.allSatisfy({ $0 >= 0 }) else { throw .invalidHeader("negative count") }
        if let since, since > until { throw .invalidHeader("since is after until") }
    }

    /// The header's JSON line (sorted keys, no newline inside), as signed.
    public func encoded() throws -> Data {
        try Self.encoder.encode(self)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(BundleCursor.format(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = BundleCursor.parseInstant(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 instant: \(text)")
            }
            return date
        }
        return decoder
    }()
}
