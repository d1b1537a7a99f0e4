/// The result of checking a document's OpenPGP signature.
enum CSAFSignatureCheck: Sendable, Equatable {
    /// A good signature; `fingerprint` is the primary key's, when the checker reports it.
    case good(fingerprint: String?)
    /// Not a good signature of the document with the provider's keys: the document is refused.
    case bad(String)
    /// The check could not run (no `gpgv`…): the document is imported unchecked.
    case unavailable(String)
}
