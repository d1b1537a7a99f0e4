import Foundation

/// A CSAF hash file (`<document>.sha256` / `.sha512`, CSAF 2.0 section 7.1.18): the hex digest, optionally followed
/// by white space and the file name (`sha256sum` output, with or without `*`).
public enum CSAFHashFile {
    public enum Algorithm: String, Sendable, Codable {
        case sha256, sha512

        /// Hex digits in a digest.
        public var hexLength: Int { self == .sha256 ? 64 : 128 }
    }

    /// The largest hash file read.
    public static let maxBytes = 4096

    /// The digest in `data` in lower-case hex, checked to be `algorithm`'s length.
    /// - Throws: `CSAFDistributionError.malformed`.
    public static func digest(_ data: Data, algorithm: Algorithm) throws -> String {
        let what = "the .\(algorithm.rawValue) file"
        guard data.count <= maxBytes else { throw CSAFDistributionError.tooLarge(what: what, limit: maxBytes) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSAFDistributionError.malformed(what: what, reason: "not text")
        }
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let word = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        let hex = word.lowercased()
        guard hex.count == algorithm.hexLength, hex.allSatisfy({ $0.isHexDigit }) else {
            throw CSAFDistributionError.malformed(what: what, reason: "no \(algorithm.hexLength)-digit hex digest")
        }
        return hex
    }
}
