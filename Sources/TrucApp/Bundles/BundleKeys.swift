import Crypto
import Foundation
import TrucCore
import Vapor

/// The Ed25519 keys of offline knowledge bundles: the private key file written by `truc bundle keygen` (one line,
/// base64 of the 32-byte raw key, mode 0600) and the public keys a receiving server accepts
/// (`TRUC_BUNDLE_PUBLIC_KEYS`: comma-separated base64 of 32-byte raw keys).
enum BundleKeys {
    static let environmentVariable = "TRUC_BUNDLE_PUBLIC_KEYS"
    static let privateKeyFileName = "truc-bundle.key"
    static let publicKeyFileName = "truc-bundle.pub"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// "3f2a…": the first 16 hex digits of the SHA-256 of the raw public key.
    static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        String(Hex.encode(SHA256.hash(data: key.rawRepresentation)).prefix(16))
    }

    static func publicKeyText(_ key: Curve25519.Signing.PublicKey) -> String {
        key.rawRepresentation.base64EncodedString()
    }

    /// Parses configured public keys (comma or whitespace separated); an invalid one is an error, not skipped.
    static func parsePublicKeys(_ text: String) throws(KnowledgeBundleError) -> [Curve25519.Signing.PublicKey] {
        var keys: [Curve25519.Signing.PublicKey] = []
        for item in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            guard let raw = Data(base64Encoded: String(item)), raw.count == 32,
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                throw .invalidPublicKey(String(item))
            }
            keys.append(key)
        }
        return keys
    }

    /// Reads a private key file. The key is never printed or logged.
    static func readPrivateKey(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): no such key file (create one with `truc bundle keygen`)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), raw.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw Failure(description: "\(path): not a bundle private key")
        }
        return key
    }

    /// Writes a new key pair into `directory` (the private key with mode 0600); refuses to overwrite a key.
    static func generate(into directory: String) throws -> (privatePath: String, publicPath: String, publicKey: Curve25519.Signing.PublicKey) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "\(directory): no such directory")
        }
        let privatePath = (directory as NSString).appendingPathComponent(privateKeyFileName)
        let publicPath = (directory as NSString).appendingPathComponent(publicKeyFileName)
        guard !fm.fileExists(atPath: privatePath) else {
            throw Failure(description: "\(privatePath) already exists: not overwritten (move it away first)")
        }
        let key = Curve25519.Signing.PrivateKey()
        // Created with mode 0600 from the start, so the key is never readable by others, even briefly.
        let fd = open(privatePath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw Failure(description: "\(privatePath): cannot be created (errno \(errno))") }
        let line = Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == line.count else {
            try? fm.removeItem(atPath: privatePath)
            throw Failure(description: "\(privatePath): cannot be written")
        }
        try Data((publicKeyText(key.publicKey) + "\n").utf8).write(to: URL(fileURLWithPath: publicPath))
        return (privatePath, publicPath, key.publicKey)
    }
}

extension Application {
    private struct BundlePublicKeysKey: StorageKey {
        typealias Value = String
    }

    /// The configured bundle public keys (text as in `TRUC_BUNDLE_PUBLIC_KEYS`); tests set it directly.
    var bundlePublicKeys: String {
        get { storage[BundlePublicKeysKey.self] ?? Environment.get(BundleKeys.environmentVariable) ?? "" }
        set { storage[BundlePublicKeysKey.self] = newValue }
    }
}
