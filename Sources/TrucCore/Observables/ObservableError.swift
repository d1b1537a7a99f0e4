import Foundation

/// Why a value was refused as an observable of a given kind.
/// `vietnamese` is for the interface (and is the `description`); `english` says the same for logs and the API.
public enum ObservableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but whitespace was given.
    case empty(ObservableKind)
    /// The text is not a value of the kind (e.g. "1.2.3" as an IPv4 address, 31 digits as an MD5 hash).
    case invalid(ObservableKind, value: String)
    /// A domain name, or the host of a URL or of an e-mail address, has characters outside ASCII: internationalised
    /// names are accepted only in their punycode ("xn--") form.
    case nonASCIIHost(ObservableKind, value: String)
    /// A URL whose scheme is not http, https or ftp.
    case unsupportedScheme(value: String, scheme: String)

    public var description: String { vietnamese }

    public var vietnamese: String {
        switch self {
        case .empty(let kind):
            "Chưa nhập \(Self.vietnameseNoun(kind))."
        case .invalid(let kind, let value):
            "\"\(Self.excerpt(value))\" không phải là \(Self.vietnameseNoun(kind)) hợp lệ\(Self.vietnameseHint(kind))."
        case .nonASCIIHost(_, let value):
            "Tên miền trong \"\(Self.excerpt(value))\" có ký tự ngoài bảng mã ASCII; hãy nhập dạng "
                + "punycode (xn--…)."
        case .unsupportedScheme(let value, let scheme):
            "URL \"\(Self.excerpt(value))\" dùng giao thức \"\(scheme)\"; chỉ chấp nhận http, https và ftp."
        }
    }

    public var english: String {
        switch self {
        case .empty(let kind):
            "No \(Self.englishNoun(kind)) was given."
        case .invalid(let kind, let value):
            "\"\(Self.excerpt(value))\" is not a valid \(Self.englishNoun(kind))\(Self.englishHint(kind))."
        case .nonASCIIHost(_, let value):
            "The domain name in \"\(Self.excerpt(value))\" has non-ASCII characters; "
                + "use its punycode form (xn--…)."
        case .unsupportedScheme(let value, let scheme):
            "The URL \"\(Self.excerpt(value))\" uses the \"\(scheme)\" scheme; only http, https and ftp are accepted."
        }
    }

    /// The kind as a noun inside a sentence: "địa chỉ IPv4", "tên miền".
    private static func vietnameseNoun(_ kind: ObservableKind) -> String {
        switch kind {
        case .ipv4: "địa chỉ IPv4"
        case .ipv6: "địa chỉ IPv6"
        case .domain: "tên miền"
        case .url: "đường dẫn URL"
        case .email: "địa chỉ thư điện tử"
        case .md5: "mã băm MD5"
        case .sha1: "mã băm SHA-1"
        case .sha256: "mã băm SHA-256"
        case .cve: "mã lỗ hổng CVE"
        }
    }

    /// The kind as a noun inside a sentence: "IPv4 address", "domain name".
    private static func englishNoun(_ kind: ObservableKind) -> String {
        switch kind {
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .domain: "domain name"
        case .url: "URL"
        case .email: "e-mail address"
        case .md5: "MD5 hash"
        case .sha1: "SHA-1 hash"
        case .sha256: "SHA-256 hash"
        case .cve: "CVE identifier"
        }
    }

    private static func vietnameseHint(_ kind: ObservableKind) -> String {
        switch kind {
        case .ipv4: " (bốn số 0–255 cách nhau bởi dấu chấm, không có số 0 đứng đầu)"
        case .ipv6: ""
        case .domain: " (ví dụ example.gov.vn)"
        case .url: " (ví dụ https://example.gov.vn/duong-dan)"
        case .email: " (ví dụ ten@example.gov.vn)"
        case .md5, .sha1, .sha256: " (\(kind.hashLength ?? 0) chữ số thập lục phân)"
        case .cve: " (dạng CVE-NNNN-NNNN, ví dụ CVE-2021-44228)"
        }
    }

    private static func englishHint(_ kind: ObservableKind) -> String {
        switch kind {
        case .ipv4: " (four numbers 0–255 separated by dots, without leading zeros)"
        case .ipv6: ""
        case .domain: " (e.g. example.gov.vn)"
        case .url: " (e.g. https://example.gov.vn/path)"
        case .email: " (e.g. name@example.gov.vn)"
        case .md5, .sha1, .sha256: " (\(kind.hashLength ?? 0) hexadecimal digits)"
        case .cve: " (CVE-NNNN-NNNN, e.g. CVE-2021-44228)"
        }
    }

    /// The value, cut to 80 characters so that a pasted document does not flood the message.
    private static func excerpt(_ value: String) -> String {
        value.count <= 80 ? value : String(value.prefix(79)) + "…"
    }
}
