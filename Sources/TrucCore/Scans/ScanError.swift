/// Why a scanner report or SBOM could not be read. `vietnamese` is for the interface (and is the `description`);
/// `english` says the same for logs and the API.
public enum ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is empty or only whitespace.
    case empty
    /// The content is none of the accepted formats; `found` says what it looked like.
    case unknownFormat(found: String)
    /// The XML could not be read (malformed, entities declared, cut short…).
    case xml(InventoryError)
    /// JSON that does not parse or has the wrong shape; `detail` says where.
    case json(format: ScanFormat, detail: String)
    /// JSON lines: line `line` is not a JSON object of the format.
    case jsonLine(line: Int, detail: String)

    public var description: String { vietnamese }

    public var vietnamese: String {
        switch self {
        case .empty:
            "Tệp trống: không có gì để nhập."
        case .unknownFormat(let found):
            "Không nhận ra định dạng của tệp (\(found)). Định dạng được chấp nhận: \(ScanFormat.acceptedList)."
        case .xml(let error):
            error.vietnamese
        case .json(let format, let detail):
            "Tệp JSON \(format.title) không đọc được: \(detail)."
        case .jsonLine(let line, let detail):
            "Dòng \(line) của tệp JSON lines không đọc được: \(detail)."
        }
    }

    public var english: String {
        switch self {
        case .empty:
            "The file is empty: nothing to import."
        case .unknownFormat(let found):
            "The file's format is not recognised (\(found)). Accepted formats: \(ScanFormat.acceptedList)."
        case .xml(let error):
            error.english
        case .json(let format, let detail):
            "The \(format.title) JSON cannot be read: \(detail)."
        case .jsonLine(let line, let detail):
            "Line \(line) of the JSON lines file cannot be read: \(detail)."
        }
    }
}
