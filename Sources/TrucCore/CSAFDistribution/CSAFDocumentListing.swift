import Foundation

/// One CSAF document a provider lists (a ROLIE feed entry or a `changes.csv` line): where it is, when it last
/// changed, and where its hash and signature files are when the listing says so.
public struct CSAFDocumentListing: Sendable, Equatable {
    public var url: URL
    /// When the document last changed, or nil when the listing does not say.
    public var updated: Date?
    /// Hash file addresses given by the listing (ROLIE `hash` links); empty means `<url>.sha256` / `<url>.sha512`.
    public var hashURLs: [URL]
    /// The signature address given by the listing (ROLIE `signature` link); nil means `<url>.asc`.
    public var signatureURL: URL?

    public init(url: URL, updated: Date?, hashURLs: [URL] = [], signatureURL: URL? = nil) {
        self.url = url
        self.updated = updated
        self.hashURLs = hashURLs
        self.signatureURL = signatureURL
    }

    /// The file name of the document (the last path component of its URL).
    public var name: String {
        let last = url.lastPathComponent
        return last.isEmpty || last == "/" ? url.absoluteString : last
    }

    /// The hash files to try, in order: SHA-256 before SHA-512, each with the algorithm its name says.
    public var hashCandidates: [(url: URL, algorithm: CSAFHashFile.Algorithm)] {
        let given: [(URL, CSAFHashFile.Algorithm)] = hashURLs.compactMap { url in
            let path = url.path.lowercased()
            if path.hasSuffix(".sha256") { return (url, .sha256) }
            if path.hasSuffix(".sha512") { return (url, .sha512) }
            return nil
        }
        if !given.isEmpty { return given.sorted { $0.1 == .sha256 && $1.1 == .sha512 } }
        return [(Self.sibling(url, ".sha256"), .sha256), (Self.sibling(url, ".sha512"), .sha512)]
    }

    /// Where the signature is.
    public var signatureCandidate: URL { signatureURL ?? Self.sibling(url, ".asc") }

    static func sibling(_ url: URL, _ suffix: String) -> URL {
        URL(string: url.absoluteString + suffix) ?? url
    }
}
