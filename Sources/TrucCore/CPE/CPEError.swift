/// Why a text is not a valid CPE name. `description` is the English message, naming the offending attribute;
/// `vietnamese` says the same for the Vietnamese interface.
public enum CPEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is empty (or only whitespace).
    case empty
    /// The text starts with neither `cpe:2.3:` (formatted string) nor `cpe:/` (2.2 URI).
    case unknownBinding(String)
    /// A formatted string without exactly 13 colon-separated components (`cpe`, `2.3` and 11 attributes).
    case componentCount(String, found: Int)
    /// A 2.2 URI with more than the 7 components `part` … `language`.
    case tooManyURIComponents(String, found: Int)
    /// `part` is not `a`, `o`, `h` or ANY.
    case invalidPart(String)
    /// An attribute with an empty value in a formatted string (use `*` for ANY, `-` for NA).
    case emptyValue(CPEAttributeName)
    /// A character that is not allowed (unescaped) in the attribute; `character` is what was found.
    case invalidCharacter(CPEAttributeName, value: String, character: String)
    /// An unquoted `*` or `?` that is not at the beginning or the end of the value.
    case misplacedWildcard(CPEAttributeName, value: String)
    /// A value that ends in a lone backslash.
    case danglingEscape(CPEAttributeName, value: String)
    /// A `%` not followed by two hex digits of an allowed character (2.2 URI).
    case invalidPercentEncoding(CPEAttributeName, value: String)
    /// A packed 2.2 edition (`~edition~sw_edition~target_sw~target_hw~other`) without exactly five `~`.
    case invalidPackedEdition(String)
    /// A language that is not an RFC 5646 tag such as `en` or `en-us`.
    case invalidLanguage(String)

    public var description: String { english }

    public var english: String {
        switch self {
        case .empty:
            "The CPE name is empty."
        case .unknownBinding(let text):
            "\"\(text)\" is not a CPE name: expected cpe:2.3:part:vendor:product:… or cpe:/part:vendor:product:…."
        case .componentCount(let text, let found):
            "\"\(text)\" has \(found) components; a CPE 2.3 formatted string has 13 "
                + "(cpe:2.3 and 11 attributes; a colon inside a value is written \\:)."
        case .tooManyURIComponents(let text, let found):
            "\"\(text)\" has \(found) components after cpe:/; a CPE 2.2 URI has at most 7."
        case .invalidPart(let part):
            "part \"\(part)\" must be a (application), o (operating system), h (hardware) or *."
        case .emptyValue(let attribute):
            "\(attribute) is empty; write * for ANY or - for not applicable."
        case .invalidCharacter(let attribute, let value, let character):
            "\(attribute) \"\(value)\": the character \"\(character)\" is not allowed here"
                + " (letters, digits, _ - . are; other punctuation is written with a backslash, e.g. \\( )."
        case .misplacedWildcard(let attribute, let value):
            "\(attribute) \"\(value)\": the wildcards * and ? may only stand at the beginning or the end"
                + " (write \\* or \\? for the character itself)."
        case .danglingEscape(let attribute, let value):
            "\(attribute) \"\(value)\" ends with a lone backslash."
        case .invalidPercentEncoding(let attribute, let value):
            "\(attribute) \"\(value)\" has an invalid percent-encoding."
        case .invalidPackedEdition(let edition):
            "edition \"\(edition)\" starts with ~ but is not ~edition~sw_edition~target_sw~target_hw~other."
        case .invalidLanguage(let language):
            "language \"\(language)\" is not a language tag such as en or en-us."
        }
    }

    public var vietnamese: String {
        switch self {
        case .empty:
            "Tên CPE trống."
        case .unknownBinding(let text):
            "\"\(text)\" không phải tên CPE: cần dạng cpe:2.3:part:vendor:product:… hoặc cpe:/part:vendor:product:…."
        case .componentCount(let text, let found):
            "\"\(text)\" có \(found) thành phần; chuỗi CPE 2.3 cần đúng 13 "
                + "(cpe:2.3 và 11 thuộc tính; dấu hai chấm trong giá trị viết là \\:)."
        case .tooManyURIComponents(let text, let found):
            "\"\(text)\" có \(found) thành phần sau cpe:/; URI CPE 2.2 có tối đa 7."
        case .invalidPart(let part):
            "part \"\(part)\" phải là a (ứng dụng), o (hệ điều hành), h (phần cứng) hoặc *."
        case .emptyValue(let attribute):
            "\(attribute) trống; dùng * cho bất kỳ hoặc - cho không áp dụng."
        case .invalidCharacter(let attribute, let value, let character):
            "\(attribute) \"\(value)\": ký tự \"\(character)\" không được phép ở đây"
                + " (cho phép chữ, số, _ - .; dấu khác phải viết kèm gạch chéo ngược, ví dụ \\( )."
        case .misplacedWildcard(let attribute, let value):
            "\(attribute) \"\(value)\": ký tự đại diện * và ? chỉ được ở đầu hoặc cuối"
                + " (viết \\* hoặc \\? nếu là chính ký tự đó)."
        case .danglingEscape(let attribute, let value):
            "\(attribute) \"\(value)\" kết thúc bằng một dấu gạch chéo ngược đơn lẻ."
        case .invalidPercentEncoding(let attribute, let value):
            "\(attribute) \"\(value)\" có mã phần trăm (%) không hợp lệ."
        case .invalidPackedEdition(let edition):
            "edition \"\(edition)\" bắt đầu bằng ~ nhưng không có dạng ~edition~sw_edition~target_sw~target_hw~other."
        case .invalidLanguage(let language):
            "language \"\(language)\" không phải mã ngôn ngữ dạng en hoặc en-us."
        }
    }
}
