/// A package, component or detected application on a scanned host or in an SBOM.
public struct ScanSoftware: Sendable, Hashable, Codable {
    /// Unique within its host: the CycloneDX `bom-ref`, the package URL, `name@version`, or the CPE.
    public var ref: String
    public var name: String
    public var version: String?
    public var vendor: String?
    /// The package URL (`pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2`) when the report gives one.
    public var purl: String?
    /// CPE names the report gives (2.2 URI or 2.3 formatted), as written.
    public var cpes: [String]

    public init(ref: String, name: String, version: String? = nil, vendor: String? = nil, purl: String? = nil,
                cpes: [String] = []) {
        self.ref = ref
        self.name = name
        self.version = version
        self.vendor = vendor
        self.purl = purl
        self.cpes = cpes
    }
}
