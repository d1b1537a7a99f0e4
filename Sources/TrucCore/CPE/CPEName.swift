import Foundation

/// A CPE 2.3 name (NISTIR 7695) as a well-formed name: eleven attributes, each ANY, NA or a quoted value.
///
/// Parse either binding with `CPEName(parsing:)` — the 2.3 formatted string
/// `cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*` or the 2.2 URI `cpe:/o:cisco:ios:15.2%284%29m1` — or build one
/// from raw texts with `CPEName(part:vendor:product:version:…)`. Values are lower-case (CPE is case-insensitive).
/// `formattedString` renders the canonical 2.3 formatted string.
public struct CPEName: Hashable, Sendable, CustomStringConvertible {
    public var part: CPEAttribute
    public var vendor: CPEAttribute
    public var product: CPEAttribute
    public var version: CPEAttribute
    public var update: CPEAttribute
    public var edition: CPEAttribute
    public var language: CPEAttribute
    public var softwareEdition: CPEAttribute
    public var targetSoftware: CPEAttribute
    public var targetHardware: CPEAttribute
    public var other: CPEAttribute

    /// A name from WFN attribute values (see `CPEAttribute` for the quoting they must follow).
    public init(part: CPEAttribute = .any, vendor: CPEAttribute = .any, product: CPEAttribute = .any,
                version: CPEAttribute = .any, update: CPEAttribute = .any, edition: CPEAttribute = .any,
                language: CPEAttribute = .any, softwareEdition: CPEAttribute = .any,
                targetSoftware: CPEAttribute = .any, targetHardware: CPEAttribute = .any, other: CPEAttribute = .any) {
        self.part = part
        self.vendor = vendor
        self.product = product
        self.version = version
        self.update = update
        self.edition = edition
        self.language = language
        self.softwareEdition = softwareEdition
        self.targetSoftware = targetSoftware
        self.targetHardware = targetHardware
        self.other = other
    }

    /// A name from raw texts as an inventory gives them, e.g. vendor "Cisco", product "IOS", version "15.2(4)M1"
    /// (→ `cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*`). Each text is taken literally (see
    /// `CPEAttribute(literal:of:)`: lower-cased, diacritics folded, spaces → `_`, punctuation quoted), except that
    /// `nil`, an empty or blank text and `*` mean ANY, and `-` means NA.
    public init(part: CPEPart, vendor: String, product: String, version: String? = nil, update: String? = nil,
                edition: String? = nil, language: String? = nil, softwareEdition: String? = nil,
                targetSoftware: String? = nil, targetHardware: String? = nil, other: String? = nil) throws(CPEError) {
        func attribute(_ raw: String?, _ name: CPEAttributeName) throws(CPEError) -> CPEAttribute {
            guard let raw else { return .any }
            switch raw.trimmingCharacters(in: .whitespacesAndNewlines) {
            case "", "*": return .any
            case "-": return .na
            default: return try CPEAttribute(literal: raw, of: name)
            }
        }
        self.init(part: part.attribute,
                  vendor: try attribute(vendor, .vendor),
                  product: try attribute(product, .product),
                  version: try attribute(version, .version),
                  update: try attribute(update, .update),
                  edition: try attribute(edition, .edition),
                  language: try attribute(language, .language),
                  softwareEdition: try attribute(softwareEdition, .softwareEdition),
                  targetSoftware: try attribute(targetSoftware, .targetSoftware),
                  targetHardware: try attribute(targetHardware, .targetHardware),
                  other: try attribute(other, .other))
    }

    /// Parses a 2.3 formatted string (`cpe:2.3:…`) or a 2.2 URI (`cpe:/…`); surrounding whitespace is ignored.
    public init(parsing text: String) throws(CPEError) {
        let trimmed = Self.trimmed(text)
        guard !trimmed.isEmpty else { throw .empty }
        let lowerPrefix = trimmed.prefix(8).lowercased()
        if lowerPrefix.hasPrefix("cpe:2.3:") {
            self = try Self(formattedString: trimmed)
        } else if lowerPrefix.hasPrefix("cpe:/") {
            self = try Self(uri: trimmed)
        } else {
            throw .unknownBinding(trimmed)
        }
    }

    /// The text without surrounding whitespace.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if start == scalars.startIndex, scalars.index(after: end) == scalars.endIndex { return text }
        return String(scalars[start...end])
    }

    /// The attribute with the given name.
    public subscript(_ name: CPEAttributeName) -> CPEAttribute {
        get {
            switch name {
            case .part: part
            case .vendor: vendor
            case .product: product
            case .version: version
            case .update: update
            case .edition: edition
            case .language: language
            case .softwareEdition: softwareEdition
            case .targetSoftware: targetSoftware
            case .targetHardware: targetHardware
            case .other: other
            }
        }
        set {
            switch name {
            case .part: part = newValue
            case .vendor: vendor = newValue
            case .product: product = newValue
            case .version: version = newValue
            case .update: update = newValue
            case .edition: edition = newValue
            case .language: language = newValue
            case .softwareEdition: softwareEdition = newValue
            case .targetSoftware: targetSoftware = newValue
            case .targetHardware: targetHardware = newValue
            case .other: other = newValue
            }
        }
    }

    /// The part as an enum, or `nil` when it is ANY.
    public var cpePart: CPEPart? {
        guard case .value(let value) = part else { return nil }
        return CPEPart(rawValue: value)
    }

    public var description: String { formattedString }
}
