import Foundation

/// One attribute value of a CPE 2.3 well-formed name (WFN, NISTIR 7695 §5.3).
///
/// A `.value` holds the WFN form: lower-case printable ASCII in which letters, digits and `_` stand for
/// themselves, every other character is quoted with a backslash (`15\.2\(4\)m1`), and an unquoted `*`
/// (any run of characters) or run of unquoted `?` (one character each) may stand at the beginning or the end.
/// Build values with `CPEName(parsing:)`, `CPEName(part:vendor:product:…)` or `CPEAttribute(literal:of:)`,
/// which guarantee that form; matching compares the stored text as is.
public enum CPEAttribute: Hashable, Sendable, CustomStringConvertible {
    /// ANY (`*`): every value.
    case any
    /// NA (`-`): the attribute does not apply.
    case na
    /// A WFN value, quoted as described above.
    case value(String)

    public var description: String { formattedString }

    /// The value as written in a 2.3 formatted string: `*`, `-`, or the value with `.` and `-` unquoted
    /// (`15.2\(4\)m1`).
    public var formattedString: String {
        switch self {
        case .any: "*"
        case .na: "-"
        case .value(let wfn): WFN.formattedString(wfn)
        }
    }

    /// The value with its quoting removed (`15.2(4)m1`); unquoted wildcards stay `*` and `?`. `nil` for ANY and NA.
    public var unescaped: String? {
        guard case .value(let wfn) = self else { return nil }
        return WFN.unescaped(wfn)
    }

    /// Whether the value has an unquoted `*` or `?` at its beginning or end. Constant time.
    public var hasWildcards: Bool {
        guard case .value(let wfn) = self else { return false }
        return WFN.hasWildcards(wfn)
    }

    /// The attribute for a raw text taken literally (nothing in it is a wildcard): lower-cased, Vietnamese
    /// diacritics folded (`đ` → `d`), runs of whitespace turned into `_`, and punctuation quoted.
    /// Throws for an empty text and for characters outside printable ASCII that remain after folding.
    public init(literal raw: String, of attribute: CPEAttributeName) throws(CPEError) {
        let folded = SearchText.fold(raw).replacingOccurrences(of: " ", with: "_")
        guard !folded.isEmpty else { throw .emptyValue(attribute) }
        var out: [UInt8] = []
        out.reserveCapacity(folded.utf8.count + 4)
        for scalar in folded.unicodeScalars {
            guard scalar.isASCII, let byte = UInt8(exactly: scalar.value), WFN.isPrintable(byte) else {
                throw .invalidCharacter(attribute, value: raw, character: String(scalar))
            }
            if WFN.isPlain(byte) {
                out.append(WFN.lowercased(byte))
            } else {
                out.append(WFN.backslash)
                out.append(byte)
            }
        }
        self = .value(String(decoding: out, as: UTF8.self))
        if attribute == .language { try WFN.validateLanguage(self) }
    }
}
