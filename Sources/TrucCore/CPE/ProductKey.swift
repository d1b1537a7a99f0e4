/// The vendor and product of a CPE name as plain text — `cisco` / `ios`, `tp-link` / `wr940n_firmware`,
/// `joomla` / `joomla!` — the bucket key of `VulnerabilityIndex`.
///
/// Values are lower-case with the WFN quoting removed (the formatted string's `tp-link`, not the WFN's `tp\-link`).
/// `CPEName` keeps its values lower-case in a canonical quoting (letters, digits and `_` unquoted, everything else
/// quoted), so two names compare equal in vendor and product (`CPEMatcher.compare` → `.equal`) exactly when
/// their keys are equal.
public struct ProductKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var vendor: String
    public var product: String

    /// A key from plain texts (lower-cased here), e.g. `ProductKey(vendor: "tp-link", product: "wr940n_firmware")`.
    public init(vendor: String, product: String) {
        self.vendor = vendor.lowercased()
        self.product = product.lowercased()
    }

    /// The key of a name; `nil` when its vendor or product is ANY or NA or has wildcards (such a name does not name
    /// one product).
    public init?(_ name: CPEName) {
        guard let vendor = Self.plain(name.vendor), let product = Self.plain(name.product) else { return nil }
        self.init(vendor: vendor, product: product)
    }

    /// `vendor:product`, e.g. `tp-link:wr940n_firmware`.
    public var description: String { "\(vendor):\(product)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.vendor, lhs.product) < (rhs.vendor, rhs.product)
    }

    /// The key's vendor and product as CPE attributes (WFN-quoted): what `CPEName` would hold for them.
    public var attributes: (vendor: CPEAttribute, product: CPEAttribute) {
        (.value(Self.quoted(vendor)), .value(Self.quoted(product)))
    }

    /// The unquoted value of an attribute that is a value without wildcards.
    static func plain(_ attribute: CPEAttribute) -> String? {
        guard case .value(let wfn) = attribute, !WFN.hasWildcards(wfn) else { return nil }
        return WFN.unescaped(wfn).lowercased()
    }

    /// A plain text in canonical WFN quoting: letters (lower-cased), digits and `_` as they are, every other byte
    /// quoted with a backslash.
    static func quoted(_ plain: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(plain.utf8.count + 4)
        for byte in plain.utf8 {
            if WFN.isPlain(byte) {
                out.append(WFN.lowercased(byte))
            } else {
                out.append(WFN.backslash)
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
