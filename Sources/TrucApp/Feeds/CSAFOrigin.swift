/// Where a CSAF document came from and what was checked about it.
struct CSAFOrigin: Sendable, Equatable {
    /// The OpenPGP signature state of a document.
    enum Signature: String, Sendable, Codable {
        /// The provider's `.asc` signature was checked with `gpgv` against its public key.
        case verified
        /// The provider publishes keys, but the signature could not be checked (no `gpgv`, no key fetched…).
        case unchecked
        /// No signature involved (a file imported by hand, a provider without keys).
        case none
    }

    /// The document's URL, or nil for a local file.
    var url: String?
    var signature: Signature

    static let file = CSAFOrigin(url: nil, signature: .none)
}
