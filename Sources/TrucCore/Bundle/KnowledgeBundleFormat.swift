import Foundation

/// The file layout of an offline knowledge bundle (`truc bundle export`):
///
///     TRUC-KNOWLEDGE-BUNDLE 1\n
///     {header JSON}\n                  (KnowledgeBundleHeader, one line)
///     base64(Ed25519 signature of the header JSON bytes)\n
///     gzip payload                     (JSON lines of KnowledgeBundleItem)
///
/// The signature covers the header, which states the payload's size and SHA-256: a reader verifies the signature,
/// then the whole payload's hash, before it applies anything.
public enum KnowledgeBundleFormat {
    public static let magic = "TRUC-KNOWLEDGE-BUNDLE 1"
    public static let version = 1
    /// The magic, header and signature lines together never exceed this.
    public static let maxPrefix = 64 * 1024
    /// The longest payload line accepted (a CSAF document of 4 MiB, escaped, or the KEV catalog).
    public static let maxLine = 32 << 20

    /// The bytes before the payload.
    public static func prefix(headerJSON: Data, signature: Data) -> Data {
        var data = Data((magic + "\n").utf8)
        data.append(headerJSON)
        data.append(0x0A)
        data.append(Data(signature.base64EncodedString().utf8))
        data.append(0x0A)
        return data
    }

    /// The parts of a bundle's beginning, before any check of the signature.
    public struct Prefix: Sendable, Equatable {
        public var header: KnowledgeBundleHeader
        /// The exact header bytes the signature covers.
        public var headerJSON: Data
        public var signature: Data
        /// Where the payload starts in the file.
        public var payloadOffset: Int
    }

    /// Parses the beginning of a file (at least its first `maxPrefix` bytes, or the whole file if shorter).
    public static func parsePrefix(_ data: Data) throws(KnowledgeBundleError) -> Prefix {
        let bytes = [UInt8](data.prefix(maxPrefix))
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
            if lines.count == 3 { break }
        }
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == magic else {
            if bytes.starts(with: Array("TRUC-KNOWLEDGE-BUNDLE ".utf8)), let end = bytes.firstIndex(of: 0x0A),
               let v = Int(String(decoding: bytes[22..<end], as: UTF8.self)), v > version {
                throw .unsupportedVersion(v)
            }
            throw .notABundle
        }
        guard lines.count >= 2 else { throw .invalidHeader("missing") }
        let headerJSON = Data(lines[1])
        let header: KnowledgeBundleHeader
        do {
            header = try KnowledgeBundleHeader.decoder.decode(KnowledgeBundleHeader.self, from: headerJSON)
        } catch {
            throw .invalidHeader("not a header (\(error))")
        }
        try header.validate()
        guard lines.count == 3, !lines[2].isEmpty else { throw .unsigned }
        guard let signature = Data(base64Encoded: Data(lines[2])), signature.count == 64 else { throw .malformedSignature }
        return Prefix(header: header, headerJSON: headerJSON, signature: signature, payloadOffset: start)
    }

    /// Checks the payload's size and hash against the header (call only after the signature verified).
    public static func checkPayload(size: Int, sha256 hex: String, against header: KnowledgeBundleHeader) throws(KnowledgeBundleError) {
        if size < header.payloadSize { throw .truncated(expected: header.payloadSize, actual: size) }
        guard size == header.payloadSize, hex.lowercased() == header.payloadSHA256.lowercased() else { throw .payloadMismatch }
    }
}
