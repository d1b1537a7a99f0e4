/// What a report covered: a network host (OpenVAS, Nessus, Nuclei) or a software artifact (a Trivy image, the
/// subject of a CycloneDX SBOM), with the software found on it.
public struct ScanHost: Sendable, Hashable, Codable {
    /// Unique within the report: the IP address, else the host name, else the artifact's name.
    public var key: String
    public var ipAddress: String?
    public var hostname: String?
    /// The artifact's name (image, SBOM subject) for artifact reports.
    public var artifact: String?
    /// The operating system the scanner reports, as text.
    public var operatingSystem: String?
    /// CPE names of the host itself (its operating system), as written.
    public var cpes: [String]
    public var software: [ScanSoftware]

    public init(key: String, ipAddress: String? = nil, hostname: String? = nil, artifact: String? = nil,
                operatingSystem: String? = nil, cpes: [String] = [], software: [ScanSoftware] = []) {
        self.key = key
        self.ipAddress = ipAddress
        self.hostname = hostname
        self.artifact = artifact
        self.operatingSystem = operatingSystem
        self.cpes = cpes
        self.software = software
    }

    /// The name to show: host name, IP address or artifact.
    public var displayName: String { hostname ?? ipAddress ?? artifact ?? key }
}
