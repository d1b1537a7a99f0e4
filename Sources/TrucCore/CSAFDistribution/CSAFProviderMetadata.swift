import Foundation

/// A CSAF 2.0 `provider-metadata.json` (CSAF 2.0 section 7.1.7): who publishes, and where the documents are (ROLIE
/// feeds, directories) with the OpenPGP keys that sign them. Addresses are resolved against the metadata's own
/// URL; only http(s) addresses are kept, others are listed in `problems`.
public struct CSAFProviderMetadata: Sendable, Equatable {
    /// One ROLIE feed of a distribution.
    public struct Feed: Sendable, Equatable {
        public var url: URL
        /// `tlp_label` as written, upper-cased (`WHITE`, `CLEAR`, `GREEN`, `UNLABELED`…), or nil.
        public var tlpLabel: String?
        public var summary: String?

        /// Whether the feed is for anyone (TLP:WHITE in CSAF 2.0, TLP:CLEAR in later versions).
        public var isPublic: Bool { tlpLabel == "WHITE" || tlpLabel == "CLEAR" }

        public init(url: URL, tlpLabel: String?, summary: String? = nil) {
            self.url = url
            self.tlpLabel = tlpLabel
            self.summary = summary
        }
    }

    /// One public OpenPGP key.
    public struct Key: Sendable, Equatable {
        public var url: URL
        /// The fingerprint in upper-case hex without spaces, or nil.
        public var fingerprint: String?

        public init(url: URL, fingerprint: String?) {
            self.url = url
            self.fingerprint = fingerprint
        }
    }

    /// The largest metadata file read.
    public static let maxBytes = 1 << 20

    public var publisherName: String
    public var publisherNamespace: String?
    /// `csaf_publisher`, `csaf_provider`, `csaf_trusted_provider`, or nil.
    public var role: String?
    public var lastUpdated: Date?
    /// Every ROLIE feed of every distribution, whatever its TLP label.
    public var feeds: [Feed]
    /// Every `directory_url`, with a trailing slash.
    public var directories: [URL]
    public var keys: [Key]
    /// Entries left out, with the reason.
    public var problems: [String]

    /// The feeds that anyone may read (TLP:WHITE or TLP:CLEAR).
    public var publicFeeds: [Feed] { feeds.filter(\.isPublic) }

    /// The fingerprints of `keys` that are given.
    public var fingerprints: Set<String> { Set(keys.compactMap(\.fingerprint)) }

    /// Reads the metadata in `data`, fetched from `url`.
    /// - Throws: `CSAFDistributionError`.
    public init(data: Data, url: URL) throws {
        let what = "the provider metadata"
        guard data.count <= Self.maxBytes else { throw CSAFDistributionError.tooLarge(what: what, limit: Self.maxBytes) }
        let object: [String: Any]
        do {
            guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CSAFDistributionError.malformed(what: what, reason: "not a JSON object")
            }
            object = top
        } catch let error as CSAFDistributionError {
            throw error
        } catch {
            throw CSAFDistributionError.malformed(what: what, reason: "not JSON")
        }
        guard let publisher = object["publisher"] as? [String: Any], let name = publisher["name"] as? String, !name.isEmpty else {
            throw CSAFDistributionError.malformed(what: what, reason: "no publisher.name")
        }
        guard let distributions = object["distributions"] as? [Any] else {
            throw CSAFDistributionError.malformed(what: what, reason: "no distributions list")
        }
        publisherName = String(name.prefix(300))
        publisherNamespace = (publisher["namespace"] as? String).map { String($0.prefix(500)) }
        role = (object["role"] as? String).map { String($0.prefix(100)) }
        lastUpdated = (object["last_updated"] as? String).flatMap(CSAFDistributionURL.date)
        var feeds: [Feed] = []
        var directories: [URL] = []
        var problems: [String] = []
        for case let distribution as [String: Any] in distributions.prefix(100) {
            if let directory = distribution["directory_url"] as? String {
                if let resolved = CSAFDistributionURL.resolve(directory, against: url) {
                    directories.append(CSAFDistributionURL.directory(resolved))
                } else {
                    problems.append("directory_url is not an http(s) URL: \(directory.prefix(200))")
                }
            }
            if let rolie = distribution["rolie"] as? [String: Any], let list = rolie["feeds"] as? [Any] {
                for case let feed as [String: Any] in list.prefix(100) {
                    guard let text = feed["url"] as? String else {
                        problems.append("a ROLIE feed without url")
                        continue
                    }
                    guard let resolved = CSAFDistributionURL.resolve(text, against: url) else {
                        problems.append("ROLIE feed url is not an http(s) URL: \(text.prefix(200))")
                        continue
                    }
                    feeds.append(Feed(url: resolved, tlpLabel: (feed["tlp_label"] as? String)?.uppercased(),
                                      summary: (feed["summary"] as? String).map { String($0.prefix(500)) }))
                }
            }
        }
        var keys: [Key] = []
        for case let key as [String: Any] in ((object["public_openpgp_keys"] as? [Any]) ?? []).prefix(20) {
            guard let text = key["url"] as? String, let resolved = CSAFDistributionURL.resolve(text, against: url) else {
                problems.append("an OpenPGP key without an http(s) url")
                continue
            }
            keys.append(Key(url: resolved, fingerprint: (key["fingerprint"] as? String).flatMap(Self.fingerprint)))
        }
        self.feeds = feeds
        self.directories = directories
        self.keys = keys
        self.problems = problems
    }

    /// A fingerprint in upper-case hex without spaces, or nil when it is not 32 to 64 hex digits.
    public static func fingerprint(_ text: String) -> String? {
        let hex = text.replacingOccurrences(of: " ", with: "").uppercased()
        guard (32...64).contains(hex.count), hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return hex
    }
}
