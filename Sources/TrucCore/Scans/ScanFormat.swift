/// The scanner report and SBOM formats that `ScanReport.parse(_:)` recognises from a file's content.
public enum ScanFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Greenbone/OpenVAS GMP XML report (`<report>` holding `<results>`).
    case openvas
    /// Tenable Nessus v2 (`.nessus`, `<NessusClientData_v2>`).
    case nessus
    /// ProjectDiscovery Nuclei JSON lines or a JSON array.
    case nuclei
    /// Aqua Trivy JSON: schema 2 (`{"SchemaVersion": 2, "Results": …}`) or the older list of results.
    case trivy
    /// CycloneDX 1.4–1.6 SBOM in JSON or XML, with `vulnerabilities` (and VEX `analysis`) when present.
    case cyclonedx

    /// The scanner's name for people.
    public var title: String {
        switch self {
        case .openvas: "Greenbone/OpenVAS"
        case .nessus: "Nessus"
        case .nuclei: "Nuclei"
        case .trivy: "Trivy"
        case .cyclonedx: "CycloneDX SBOM"
        }
    }

    /// Reports that describe a software artifact (an image, an SBOM) rather than network hosts: their findings sit
    /// on component assets and their scope is the artifact with every component under it.
    public var describesArtifact: Bool { self == .trivy || self == .cyclonedx }

    /// The accepted formats, for an error message.
    public static var acceptedList: String {
        "Greenbone/OpenVAS XML, Nessus v2 (.nessus), Nuclei JSON/JSONL, Trivy JSON, CycloneDX 1.4–1.6 JSON/XML"
    }
}
