/// Which CVEs an inventory can match at all, from the asset names alone, so that a full rematch loads only those
/// CVEs and not the whole knowledge base (most of NVD names products no unit runs).
///
/// It follows how `VulnerabilityIndex` looks an asset name up:
/// - plain vendor and product: the criteria of that product;
/// - plain vendor, product ANY or with wildcards: the criteria of every product of that vendor;
/// - vendor ANY or with wildcards, plain product: the criteria of that product of every vendor;
/// - anything else (both open, NA): no criterion.
///
/// A CVE can match an asset only through a vulnerable criterion, so a CVE is *covered* when the product key of one of
/// its vulnerable criteria (`ProductKey.vulnerableKeys`) is one the names reach, or is `ProductKey.wildcard` (a
/// criterion whose vendor or product is not plain, which the index evaluates for every asset).
public struct ProductScope: Sendable {
    /// Products named with their vendor.
    public private(set) var keys: Set<ProductKey> = []
    /// Vendors named with an open product.
    public private(set) var vendors: Set<String> = []
    /// Products named with an open vendor.
    public private(set) var products: Set<String> = []

    public init() {}

    public init(_ names: some Sequence<CPEName>) {
        for name in names { add(name) }
    }

    public mutating func add(_ name: CPEName) {
        let vendor = ProductKey.plain(name.vendor)
        let product = ProductKey.plain(name.product)
        switch (vendor, product) {
        case (let vendor?, let product?):
            keys.insert(ProductKey(vendor: vendor, product: product))
        case (let vendor?, nil) where Self.isOpen(name.product):
            vendors.insert(vendor)
        case (nil, let product?) where Self.isOpen(name.vendor):
            products.insert(product)
        default:
            break
        }
    }

    /// Whether a CVE with a vulnerable criterion of this key can match one of the names.
    public func covers(_ key: ProductKey) -> Bool {
        key == .wildcard || keys.contains(key) || vendors.contains(key.vendor) || products.contains(key.product)
    }

    /// Whether a CVE with these configurations can match one of the names.
    public func covers(_ configurations: [CPEConfiguration]) -> Bool {
        ProductKey.vulnerableKeys(of: configurations).contains(where: covers)
    }

    /// The `product` values under which covered keys are filed: every covered key has one of these products or one of
    /// `vendors` as vendor.
    public var productsToLookUp: Set<String> {
        var result = products
        for key in keys { result.insert(key.product) }
        result.insert(ProductKey.wildcard.product)
        return result
    }

    /// ANY, or a value with wildcards.
    static func isOpen(_ attribute: CPEAttribute) -> Bool {
        switch attribute {
        case .any: true
        case .na: false
        case .value(let wfn): WFN.hasWildcards(wfn)
        }
    }
}

extension ProductKey {
    /// Stands for criteria whose vendor or product is not a plain value: such a CVE may concern any asset.
    public static var wildcard: ProductKey { ProductKey(vendor: "*", product: "*") }

    /// The keys of the vulnerable criteria of `configurations`, `wildcard` for those naming no plain product: the
    /// products a CVE can be found on.
    public static func vulnerableKeys(of configurations: [CPEConfiguration]) -> Set<ProductKey> {
        var keys: Set<ProductKey> = []
        for configuration in configurations {
            for criterion in configuration.allCriteria where criterion.vulnerable {
                keys.insert(ProductKey(criterion.criteria) ?? .wildcard)
            }
        }
        return keys
    }
}
