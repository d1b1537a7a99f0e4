import Foundation

/// A CSAF ROLIE feed (CSAF 2.0 section 7.1.20): `feed.entry[]`, each with `updated`, a `self` link (or
/// `content.src`) to the document, `hash` links to its `.sha256`/`.sha512` and a `signature` link to its `.asc`.
/// Addresses are resolved against the feed's own URL; entries without a usable http(s) document address are left
/// out and listed in `problems`.
public struct CSAFROLIEFeed: Sendable, Equatable {
    /// The largest feed read.
    public static let maxBytes = 64 << 20
    /// The most entries read.
    public static let maxEntries = 500_000

    public var id: String?
    public var updated: Date?
    public var entries: [CSAFDocumentListing]
    public var problems: [String]

    /// Reads the feed in `data`, fetched from `url`.
    /// - Throws: `CSAFDistributionError`.
    public init(data: Data, url: URL) throws {
        let what = "the ROLIE feed"
        guard data.count <= Self.maxBytes else { throw CSAFDistributionError.tooLarge(what: what, limit: Self.maxBytes) }
        let top: Any
        do { top = try JSONSerialization.jsonObject(with: data) } catch {
            throw CSAFDistributionError.malformed(what: what, reason: "not JSON")
        }
        guard let feed = (top as? [String: Any])?["feed"] as? [String: Any] else {
            throw CSAFDistributionError.malformed(what: what, reason: "no feed object")
        }
        id = (feed["id"] as? String).map { String($0.prefix(300)) }
        updated = (feed["updated"] as? String).flatMap(CSAFDistributionURL.date)
        var entries: [CSAFDocumentListing] = []
        var problems: [String] = []
        let list = (feed["entry"] as? [Any]) ?? []
        if list.count > Self.maxEntries { problems.append("only the first \(Self.maxEntries) of \(list.count) entries were read") }
        for (index, item) in list.prefix(Self.maxEntries).enumerated() {
            guard let entry = item as? [String: Any] else {
                problems.append("entry \(index + 1) is not an object")
                continue
            }
            let label = (entry["id"] as? String).map { String($0.prefix(200)) } ?? "entry \(index + 1)"
            var document: URL?
            var hashes: [URL] = []
            var signature: URL?
            for case let link as [String: Any] in (entry["link"] as? [Any]) ?? [] {
                guard let rel = link["rel"] as? String, let href = link["href"] as? String else { continue }
                let resolved = CSAFDistributionURL.resolve(href, against: url)
                switch rel {
                case "self": if document == nil { document = resolved }
                case "hash": if let resolved { hashes.append(resolved) }
                case "signature": if signature == nil { signature = resolved }
                default: break
                }
            }
            if document == nil, let src = (entry["content"] as? [String: Any])?["src"] as? String {
                document = CSAFDistributionURL.resolve(src, against: url)
            }
            guard let document else {
                problems.append("\(label): no http(s) document address")
                continue
            }
            let updated = (entry["updated"] as? String).flatMap(CSAFDistributionURL.date)
                ?? (entry["published"] as? String).flatMap(CSAFDistributionURL.date)
            entries.append(CSAFDocumentListing(url: document, updated: updated, hashURLs: hashes, signatureURL: signature))
        }
        self.entries = entries
        self.problems = problems
    }
}
