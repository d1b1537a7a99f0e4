/// Why an offline knowledge bundle was refused. `description` is English, `vietnamese` the same in Vietnamese.
public enum KnowledgeBundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not start with the bundle's magic line.
    case notABundle
    /// The header line is missing or is not a valid header; the text says why.
    case invalidHeader(String)
    /// The bundle was written by a newer format version.
    case unsupportedVersion(Int)
    /// There is no signature line, or it is empty.
    case unsigned
    /// The signature line is not base64 of a 64-byte Ed25519 signature.
    case malformedSignature
    /// No public key is configured on this side.
    case noKeyConfigured
    /// A configured public key is not base64 of 32 bytes.
    case invalidPublicKey(String)
    /// The signature does not verify against any configured key (the header, or the signature, was altered, or
    /// another key signed it). `keyID` is the signer's key id the header names.
    case badSignature(keyID: String)
    /// The payload is shorter than the header says.
    case truncated(expected: Int, actual: Int)
    /// The payload's size or SHA-256 is not the one the signed header states.
    case payloadMismatch
    /// The payload could not be read after it was verified (not gzip, a line that is not an item…).
    case invalidPayload(String)
    /// The cursor given to `export --since` is neither `all` nor an ISO-8601 instant.
    case invalidCursor(String)

    public var description: String {
        switch self {
        case .notABundle: "not a Trực ATTT knowledge bundle (the first line must be \"\(KnowledgeBundleFormat.magic)\")"
        case .invalidHeader(let why): "the bundle's header is invalid: \(why)"
        case .unsupportedVersion(let v): "the bundle has format version \(v); this Trực ATTT reads version \(KnowledgeBundleFormat.version) (upgrade it)"
        case .unsigned: "the bundle is not signed: refused"
        case .malformedSignature: "the bundle's signature is malformed: refused"
        case .noKeyConfigured: "no bundle public key is configured (TRUC_BUNDLE_PUBLIC_KEYS): every bundle is refused"
        case .invalidPublicKey(let key): "the configured public key \"\(key.prefix(12))…\" is not base64 of a 32-byte Ed25519 key"
        case .badSignature(let keyID): "the signature does not match any configured public key (signed by key \(keyID)): the file was altered or signed by another key; refused"
        case .truncated(let expected, let actual): "the bundle is truncated: \(actual) of \(expected) payload bytes; refused"
        case .payloadMismatch: "the bundle's content does not match its signed header (altered or corrupted); refused"
        case .invalidPayload(let why): "the bundle's content cannot be read: \(why)"
        case .invalidCursor(let text): "\"\(text)\" is not a cursor: use an ISO-8601 instant such as 2025-01-31T00:00:00Z, or all"
        }
    }

    public var vietnamese: String {
        switch self {
        case .notABundle: "Tệp không phải gói dữ liệu Trực ATTT."
        case .invalidHeader(let why): "Phần đầu của gói không hợp lệ: \(why)."
        case .unsupportedVersion(let v): "Gói có định dạng phiên bản \(v), phiên bản này chỉ đọc được \(KnowledgeBundleFormat.version): hãy nâng cấp Trực ATTT."
        case .unsigned: "Gói không có chữ ký: bị từ chối."
        case .malformedSignature: "Chữ ký của gói sai định dạng: bị từ chối."
        case .noKeyConfigured: "Chưa cấu hình khoá công khai cho gói dữ liệu (TRUC_BUNDLE_PUBLIC_KEYS): mọi gói đều bị từ chối."
        case .invalidPublicKey(let key): "Khoá công khai \"\(key.prefix(12))…\" không phải khoá Ed25519 (base64 của 32 byte)."
        case .badSignature(let keyID): "Chữ ký không khớp với khoá công khai nào đã cấu hình (gói ký bằng khoá \(keyID)): tệp đã bị sửa hoặc ký bằng khoá khác; bị từ chối."
        case .truncated(let expected, let actual): "Gói bị cắt cụt: chỉ có \(actual) trên \(expected) byte nội dung; bị từ chối."
        case .payloadMismatch: "Nội dung gói không khớp với phần đầu đã ký (đã bị sửa hoặc hỏng); bị từ chối."
        case .invalidPayload(let why): "Không đọc được nội dung gói: \(why)."
        case .invalidCursor(let text): "\"\(text)\" không phải mốc thời gian: dùng dạng ISO-8601 như 2025-01-31T00:00:00Z, hoặc all."
        }
    }
}
