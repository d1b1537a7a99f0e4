import Foundation

/// A package URL (`pkg:type/namespace/name@version?qualifiers#subpath`, github.com/package-url/purl-spec), read
/// just far enough to name a package; `cpe` maps the well-known packages whose CPE product is plain.
public struct PackageURL: Sendable, Hashable {
    public var type: String
    public var namespace: String?
    public var name: String
    public var version: String?

    /// Nil when `text` is not a package URL.
    public init?(_ text: String) {
        guard text.count <= 2_000, text.lowercased().hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        var version: String?
        if let at = rest.lastIndex(of: "@") {
            version = Self.decode(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        type = parts[0].lowercased()
        name = Self.decode(parts[parts.count - 1])
        namespace = parts.count > 2 ? parts[1..<(parts.count - 1)].map { Self.decode($0) }.joined(separator: "/") : nil
        self.version = version.flatMap { $0.isEmpty ? nil : $0 }
        guard !type.isEmpty, !name.isEmpty else { return nil }
    }

    static func decode(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    /// (purl type, namespace or nil for any, name) → (CPE vendor, product), for packages whose upstream version is
    /// the version NVD uses. Operating-system packages (deb, rpm, apk) are left out: distributions backport fixes
    /// under their own version numbers.
    static let knownProducts: [(type: String, namespace: String?, name: String, vendor: String, product: String)] = [
        ("maven", "org.apache.logging.log4j", "log4j-core", "apache", "log4j"),
        ("maven", "org.springframework", "spring-core", "vmware", "spring_framework"),
        ("maven", "org.springframework", "spring-beans", "vmware", "spring_framework"),
        ("maven", "org.springframework", "spring-webmvc", "vmware", "spring_framework"),
        ("maven", "org.springframework", "spring-web", "vmware", "spring_framework"),
        ("maven", "org.springframework.boot", "spring-boot", "vmware", "spring_boot"),
        ("maven", "com.fasterxml.jackson.core", "jackson-databind", "fasterxml", "jackson-databind"),
        ("maven", "org.apache.struts", "struts2-core", "apache", "struts"),
        ("maven", "org.apache.tomcat.embed", "tomcat-embed-core", "apache", "tomcat"),
        ("maven", "org.apache.commons", "commons-text", "apache", "commons_text"),
        ("maven", "org.apache.activemq", "activemq-client", "apache", "activemq"),
        ("npm", nil, "lodash", "lodash", "lodash"),
        ("npm", nil, "jquery", "jquery", "jquery"),
        ("pypi", nil, "django", "djangoproject", "django"),
        ("pypi", nil, "flask", "palletsprojects", "flask"),
        ("gem", nil, "rails", "rubyonrails", "rails"),
    ]

    /// The CPE of a well-known package with a version, e.g. `pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2`
    /// → `cpe:2.3:a:apache:log4j:2.13.2:*:*:*:*:*:*:*`; nil for any other package.
    public var cpe: CPEName? {
        guard let version else { return nil }
        let lowerName = name.lowercased()
        guard let known = Self.knownProducts.first(where: {
            $0.type == type && $0.name == lowerName && ($0.namespace == nil || $0.namespace == namespace?.lowercased())
        }) else { return nil }
        return try? CPEName(part: .application, vendor: known.vendor, product: known.product, version: version)
    }
}
