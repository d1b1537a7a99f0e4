import Foundation

/// Why an inventory document (an Nmap XML scan or the NVD CPE dictionary) could not be read.
/// `vietnamese` is for the interface (and is the `description`); `english` says the same for logs and the API.
public enum InventoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document is empty (or only whitespace).
    case emptyDocument
    /// The XML is not well-formed; `line` and `column` are 1-based, `code` is libxml2's error number (e.g. 76 for a
    /// closing tag that does not match, 5 for content after the root element), described in the messages.
    case malformedXML(line: Int, column: Int, code: Int)
    /// The XML declares entities (`<!ENTITY …>`), which scans and the dictionary never do; refused so that an
    /// upload cannot blow up in memory ("billion laughs").
    case entityDeclaration(line: Int)
    /// The document ends before the root element is closed: cut short, or written by a scan still running.
    case truncated(root: String)
    /// Well-formed XML whose root element is not the one expected (`nmaprun` for a scan, `cpe-list` for the dictionary).
    case unexpectedRoot(found: String, expected: String)
    /// An element lacks a required attribute (`value` is `nil`) or has an unusable one, e.g. `<port portid="x">`.
    case invalidAttribute(line: Int, element: String, attribute: String, value: String?)

    public var description: String { vietnamese }

    public var vietnamese: String {
        switch self {
        case .emptyDocument:
            "Tệp trống."
        case .malformedXML(let line, let column, let code):
            "Tệp XML bị lỗi ở dòng \(line), cột \(column): \(Self.xmlErrors[code]?.vietnamese ?? "lỗi cú pháp (mã \(code))")."
        case .entityDeclaration(let line):
            "Tệp XML khai báo thực thể (<!ENTITY>) ở dòng \(line); không chấp nhận vì lý do an toàn."
        case .truncated(let root):
            "Tệp kết thúc trước thẻ đóng </\(root)>: tệp bị cắt ngắn hoặc được ghi khi chưa chạy xong."
        case .unexpectedRoot(let found, let expected):
            "Phần tử gốc là <\(found)>, không phải <\(expected)>: "
                + (expected == "nmaprun"
                    ? "đây không phải kết quả quét Nmap dạng XML (xuất bằng nmap -oX)."
                    : "đây không phải từ điển CPE của NVD.")
        case .invalidAttribute(let line, let element, let attribute, let value?):
            "Phần tử <\(element)> ở dòng \(line) có \(attribute)=\"\(value)\" không hợp lệ."
        case .invalidAttribute(let line, let element, let attribute, nil):
            "Phần tử <\(element)> ở dòng \(line) thiếu thuộc tính \(attribute)."
        }
    }

    public var english: String {
        switch self {
        case .emptyDocument:
            "The file is empty."
        case .malformedXML(let line, let column, let code):
            "The XML is malformed at line \(line), column \(column): \(Self.xmlErrors[code]?.english ?? "syntax error (code \(code))")."
        case .entityDeclaration(let line):
            "The XML declares an entity (<!ENTITY>) at line \(line); refused for safety."
        case .truncated(let root):
            "The document ends before the closing </\(root)>: it was cut short or written before the run finished."
        case .unexpectedRoot(let found, let expected):
            "The root element is <\(found)>, not <\(expected)>: "
                + (expected == "nmaprun"
                    ? "this is not an Nmap XML scan (written with nmap -oX)."
                    : "this is not the NVD CPE dictionary.")
        case .invalidAttribute(let line, let element, let attribute, let value?):
            "The <\(element)> element at line \(line) has an invalid \(attribute)=\"\(value)\"."
        case .invalidAttribute(let line, let element, let attribute, nil):
            "The <\(element)> element at line \(line) lacks the \(attribute) attribute."
        }
    }
}

extension InventoryError {
    /// Refuses a document whose prolog (before the root element) declares entities: Foundation's parser on Linux
    /// expands them without telling its delegate. Comments and processing instructions are skipped. Also refuses
    /// an empty or all-whitespace document.
    static func checkProlog(_ data: Data) throws(InventoryError) {
        let refused = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> InventoryError? in
            func starts(_ marker: String, at index: Int) -> Bool {
                let utf8 = Array(marker.utf8)
                return index + utf8.count <= bytes.count && utf8.indices.allSatisfy { bytes[index + $0] == utf8[$0] }
            }
            var line = 1
            var index = 0
            var sawContent = false
            /// Moves past `terminator`, counting lines; false when the document ends first.
            func skip(past terminator: String) -> Bool {
                while index < bytes.count {
                    if starts(terminator, at: index) {
                        index += terminator.utf8.count
                        return true
                    }
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                return false
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    sawContent = true
                    if starts("<!--", at: index) {
                        guard skip(past: "-->") else { return nil }
                        continue
                    }
                    if starts("<?", at: index) {
                        guard skip(past: "?>") else { return nil }
                        continue
                    }
                    if starts("<!ENTITY", at: index) { return .entityDeclaration(line: line) }
                    // The root element's start tag ends the prolog.
                    if !starts("<!", at: index) { return nil }
                } else if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                    sawContent = true
                }
                if byte == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            return sawContent ? nil : .emptyDocument
        }
        if let refused { throw refused }
    }

    /// libxml2's parser error numbers (`xmlParserErrors`) that Foundation's `XMLParser` reports on Linux.
    static let xmlErrors: [Int: (vietnamese: String, english: String)] = [
        4: ("tệp không có nội dung XML", "the document is empty"),
        5: ("có nội dung thừa sau phần tử gốc", "extra content after the root element"),
        9: ("có ký tự không hợp lệ", "an invalid character"),
        23: ("tham chiếu thực thể thiếu dấu chấm phẩy", "an entity reference lacks its semicolon"),
        26: ("tham chiếu thực thể không được khai báo", "an undeclared entity"),
        32: ("bảng mã không được hỗ trợ", "an unsupported encoding"),
        38: ("dấu < trong giá trị thuộc tính", "a < inside an attribute value"),
        39: ("thuộc tính thiếu giá trị hoặc thiếu dấu ngoặc kép", "an attribute without a quoted value"),
        41: ("một thuộc tính xuất hiện hai lần", "an attribute given twice"),
        65: ("thiếu khoảng trắng", "a space is required"),
        68: ("thiếu tên", "a name is required"),
        73: ("thiếu dấu >", "a > is required"),
        76: ("thẻ đóng không khớp thẻ mở", "a closing tag does not match the opening tag"),
        77: ("thẻ chưa được đóng", "a tag is not finished"),
        85: ("các thẻ không cân đối", "the tags are not balanced"),
        86: ("có nội dung thừa ở cuối", "extra content at the end"),
        89: ("thực thể tham chiếu vòng tròn", "an entity refers to itself"),
    ]

    /// The libxml2 error number of a parser error.
    static func xmlCode(_ error: any Error) -> Int { (error as NSError).code }

    /// The 1-based line of the last byte that is not XML whitespace (1 for a blank document).
    static func lastContentLine(_ data: Data) -> Int {
        data.withUnsafeBytes { bytes in
            var last = bytes.count - 1
            while last >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[last]) { last -= 1 }
            guard last >= 0 else { return 1 }
            return bytes[...last].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}
