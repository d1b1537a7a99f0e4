import Foundation

/// ASCII armor of OpenPGP data (RFC 4880 section 6.2): turns armored blocks into the binary packets `gpgv` reads
/// as a keyring.
public enum OpenPGPArmor {
    /// The largest armored text read.
    public static let maxBytes = 1 << 20

    /// The binary content of every armored block in `text` whose header line starts with `-----BEGIN PGP ` (keys,
    /// signatures), concatenated: the base64 lines between the armor header lines (and the blank line after them)
    /// and the `=CRC` checksum line. Binary input (already de-armored, starting with a packet tag byte) is returned
    /// as it is.
    /// - Throws: `CSAFDistributionError.malformed` when there is no block, a block does not end or its base64 is
    ///   not valid.
    public static func dearmor(_ data: Data) throws -> Data {
        let what = "the OpenPGP key"
        guard data.count <= maxBytes else { throw CSAFDistributionError.tooLarge(what: what, limit: maxBytes) }
        if let first = data.first, first & 0x80 != 0 { return data }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSAFDistributionError.malformed(what: what, reason: "neither armored text nor binary")
        }
        var result = Data()
        var inBlock = false
        var inHeaders = false
        var base64 = ""
        var blocks = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if !inBlock {
                if line.hasPrefix("-----BEGIN PGP "), line.hasSuffix("-----") {
                    inBlock = true
                    inHeaders = true
                    base64 = ""
                }
                continue
            }
            if line.hasPrefix("-----END PGP "), line.hasSuffix("-----") {
                guard let bytes = Data(base64Encoded: base64), !bytes.isEmpty else {
                    throw CSAFDistributionError.malformed(what: what, reason: "the armored block is not valid base64")
                }
                result.append(bytes)
                blocks += 1
                inBlock = false
                continue
            }
            if inHeaders {
                // Armor headers ("Version: …", "Comment: …") end at the first blank line; a block without headers
                // starts its base64 at once.
                if line.isEmpty { inHeaders = false; continue }
                if line.contains(": ") { continue }
                inHeaders = false
            }
            if line.isEmpty { continue }
            if line.hasPrefix("="), line.count == 5 { continue }
            base64 += line
        }
        if inBlock { throw CSAFDistributionError.malformed(what: what, reason: "an armored block does not end") }
        guard blocks > 0 else { throw CSAFDistributionError.malformed(what: what, reason: "no armored block") }
        return result
    }
}
