import Foundation

/// Checks a detached OpenPGP signature of a CSAF document against the provider's public keys.
protocol CSAFSignatureVerifying: Sendable {
    /// Checks `signature` (the `.asc` file) of `document` with `keyring` (binary OpenPGP public keys).
    func verify(document: Data, signature: Data, keyring: Data) async -> CSAFSignatureCheck
}
