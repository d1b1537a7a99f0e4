/// Why a vulnerability feed (NVD, CISA KEV, CSAF) or one of its records could not be read. `description` is the
/// English message; `vietnamese` says the same for the Vietnamese interface.
public enum FeedError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// What was wrong at a byte of a JSON document.
    public enum Syntax: String, Sendable, Equatable, Hashable {
        /// A byte that cannot start a JSON value (or a value where none may stand).
        case expectedValue
        /// Something other than a quoted member name (or `}` right after `{`) inside an object.
        case expectedKey
        /// A member name not followed by `:`.
        case expectedColon
        /// A value not followed by `,` or the closing bracket of its container.
        case expectedCommaOrClose
        /// A `]` closing an object or a `}` closing an array.
        case mismatchedBracket
        /// A raw control character (below U+0020) inside a string: it must be escaped.
        case controlCharacterInString
        /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
        case invalidEscape
        /// A misspelt `true`, `false` or `null`.
        case invalidLiteral
        /// A number that is not a JSON number.
        case invalidNumber
        /// Something other than whitespace after the document's closing `}`.
        case trailingData
    }

    /// The input held nothing but whitespace.
    case empty
    /// The document is JSON whose top-level value is not an object (e.g. an array), starting at byte `offset`.
    case notAnObject(offset: Int)
    /// The JSON is broken at byte `offset` (counted from the start of the input, 0-based).
    case malformedJSON(offset: Int, syntax: Syntax)
    /// The input ended (after `offset` bytes) inside the document.
    case truncated(offset: Int)
    /// The document is well-formed JSON but not the kind of feed expected; the text says what is missing.
    case unknownFormat(String)
    /// One record could not be read (not an object, no id, a field of the wrong type, ...); the text says why.
    case invalidRecord(String)

    public var description: String { english }

    public var english: String {
        switch self {
        case .empty:
            "The file is empty."
        case .notAnObject(let offset):
            "The file is not a JSON object (byte \(offset)): expected a document starting with {."
        case .malformedJSON(let offset, let syntax):
            "Malformed JSON at byte \(offset): \(syntax.english)."
        case .truncated(let offset):
            "The file ends inside the JSON document (after \(offset) bytes): it is truncated."
        case .unknownFormat(let detail):
            "Unrecognised feed format: \(detail)"
        case .invalidRecord(let detail):
            "Invalid record: \(detail)"
        }
    }

    public var vietnamese: String {
        switch self {
        case .empty:
            "Tệp trống."
        case .notAnObject(let offset):
            "Tệp không phải một đối tượng JSON (byte \(offset)): tài liệu phải bắt đầu bằng {."
        case .malformedJSON(let offset, let syntax):
            "JSON sai cú pháp tại byte \(offset): \(syntax.vietnamese)."
        case .truncated(let offset):
            "Tệp kết thúc giữa chừng tài liệu JSON (sau \(offset) byte): tệp bị cắt cụt."
        case .unknownFormat(let detail):
            "Không nhận ra định dạng nguồn dữ liệu: \(detail)"
        case .invalidRecord(let detail):
            "Bản ghi không hợp lệ: \(detail)"
        }
    }
}

extension FeedError.Syntax {
    public var english: String {
        switch self {
        case .expectedValue: "expected a value"
        case .expectedKey: "expected a quoted member name"
        case .expectedColon: "expected : after the member name"
        case .expectedCommaOrClose: "expected , or a closing bracket after the value"
        case .mismatchedBracket: "closing bracket does not match the open one"
        case .controlCharacterInString: "unescaped control character inside a string"
        case .invalidEscape: "invalid escape sequence inside a string"
        case .invalidLiteral: "invalid literal (expected true, false or null)"
        case .invalidNumber: "invalid number"
        case .trailingData: "unexpected data after the end of the document"
        }
    }

    public var vietnamese: String {
        switch self {
        case .expectedValue: "cần một giá trị"
        case .expectedKey: "cần tên thuộc tính đặt trong dấu ngoặc kép"
        case .expectedColon: "cần dấu : sau tên thuộc tính"
        case .expectedCommaOrClose: "cần dấu , hoặc dấu đóng ngoặc sau giá trị"
        case .mismatchedBracket: "dấu đóng ngoặc không khớp với dấu mở ngoặc"
        case .controlCharacterInString: "ký tự điều khiển chưa được thoát trong chuỗi"
        case .invalidEscape: "chuỗi thoát (escape) không hợp lệ trong chuỗi"
        case .invalidLiteral: "giá trị không hợp lệ (cần true, false hoặc null)"
        case .invalidNumber: "số không hợp lệ"
        case .trailingData: "có dữ liệu thừa sau khi tài liệu đã kết thúc"
        }
    }
}
