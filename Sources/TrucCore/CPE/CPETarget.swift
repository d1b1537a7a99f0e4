/// An asset's CPE name prepared for matching against many criteria: the version is parsed once.
public struct CPETarget: Sendable, Hashable {
    public let name: CPEName
    /// The parsed version, or `nil` when the version attribute is ANY, NA or has wildcards.
    public let version: VendorVersion?

    public init(_ name: CPEName) {
        self.name = name
        if case .value = name.version, !name.version.hasWildcards, let text = name.version.unescaped {
            version = VendorVersion(text)
        } else {
            version = nil
        }
    }
}
