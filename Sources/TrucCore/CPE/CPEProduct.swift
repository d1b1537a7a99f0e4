import Foundation

/// One product of the CPE dictionary: a distinct (part, vendor, product) with a display title and the number of
/// versions the dictionary lists for it. Built by `CPEDictionary.products(_:)`; searched by `CPEProposer`.
public struct CPEProduct: Sendable, Hashable, Codable {
    /// Encoded as its letter (`a`, `o`, `h`).
    public var part: CPEPart
    /// The vendor as written in a CPE 2.3 formatted string, e.g. `cisco`, `igor_sysoev`, `\$0.99_kindle_books_project`.
    public var vendor: String
    /// The product as written in a CPE 2.3 formatted string, e.g. `ios`, `windows_server_2012`.
    public var product: String
    /// The dictionary's title without the version, e.g. "Cisco IOS", "Microsoft Windows Server 2012".
    public var title: String
    /// How many distinct versions the dictionary lists (non-deprecated entries only).
    public var versionCount: Int

    public init(part: CPEPart, vendor: String, product: String, title: String, versionCount: Int) {
        self.part = part
        self.vendor = vendor
        self.product = product
        self.title = title
        self.versionCount = versionCount
    }

    /// The CPE name of this product with the given version (taken literally, e.g. "15.2(4)M1" →
    /// `15.2\(4\)m1`; `nil`, blank or `*` → ANY, `-` → NA) and every other attribute ANY.
    /// Throws when `vendor` or `product` is not a valid formatted-string value, or the version has characters CPE
    /// cannot hold.
    public func name(version: String? = nil) throws(CPEError) -> CPEName {
        var name = CPEName(part: part.attribute,
                           vendor: try CPEName.unbindFormatted(Substring(vendor), .vendor),
                           product: try CPEName.unbindFormatted(Substring(product), .product))
        name.version = try Self.versionAttribute(version)
        return name
    }

    /// A version typed by a person as a CPE attribute: `nil`, blank or `*` → ANY, `-` → NA, else literal.
    static func versionAttribute(_ version: String?) throws(CPEError) -> CPEAttribute {
        guard let version else { return .any }
        switch version.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "", "*": return .any
        case "-": return .na
        case let trimmed: return try CPEAttribute(literal: trimmed, of: .version)
        }
    }
}
