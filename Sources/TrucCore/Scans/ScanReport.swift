import Foundation

/// A scanner report or SBOM read into one shape: the hosts (or artifact) it covered, with their software, and its
/// results. Read with `ScanReport.parse(_:)`, which recognises the format from the content.
public struct ScanReport: Sendable, Hashable {
    public var format: ScanFormat
    /// The tool that wrote it, as the file says (`grype 0.41.0`, `Nessus`), when it says.
    public var tool: String?
    /// Every host or artifact the report covered, including those without results: the scope of the import.
    public var hosts: [ScanHost]
    /// Every result, informational ones included.
    public var results: [ScanResult]

    public init(format: ScanFormat, tool: String? = nil, hosts: [ScanHost] = [], results: [ScanResult] = []) {
        self.format = format
        self.tool = tool
        self.hosts = hosts
        self.results = results
    }

    /// The distinct CVE ids of all results.
    public var cveIDs: Set<String> { Set(results.flatMap(\.cves)) }

    /// Results that become findings (not informational).
    public var findingResults: [ScanResult] { results.filter(\.isFinding) }

    /// Reads a report of any accepted format, recognised from its content: XML by its root element (`report`,
    /// `NessusClientData_v2`, `bom`), JSON by its shape (CycloneDX `bomFormat`, Trivy `SchemaVersion`/`Results` or a
    /// list of `Target`s, Nuclei `template-id`/`templateID` objects as an array or one per line).
    public static func parse(_ data: Data) throws(ScanError) -> ScanReport {
        guard let first = data.firstIndex(where: { !Self.isSpace($0) }) else { throw .empty }
        var start = first
        // A UTF-8 byte order mark.
        if data[start...].starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let next = data[(start + 3)...].firstIndex(where: { !Self.isSpace($0) }) else { throw .empty }
            start = next
        }
        switch data[start] {
        case UInt8(ascii: "<"):
            return try parseXML(data)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try parseJSON(data)
        default:
            throw .unknownFormat(found: "không phải XML hay JSON / neither XML nor JSON")
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// XML by its root element.
    static func parseXML(_ data: Data) throws(ScanError) -> ScanReport {
        let root = XMLRootSniffer.rootName(of: data)
        switch root {
        case "report": return try parseOpenVAS(data)
        case "NessusClientData_v2": return try parseNessus(data)
        case "bom": return try parseCycloneDXXML(data)
        case nil: throw .unknownFormat(found: "XML không có phần tử gốc / XML without a root element")
        case let other?: throw .unknownFormat(found: "XML <\(other.prefix(60))>")
        }
    }

    /// JSON by its shape; a document that is not one JSON value may be JSON lines (Nuclei).
    static func parseJSON(_ data: Data) throws(ScanError) -> ScanReport {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            // Several JSON objects, one per line: Nuclei's default output.
            if let line = firstLine(data), let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
               NucleiReader.isNuclei(object) {
                return try NucleiReader.readLines(data)
            }
            throw .unknownFormat(found: "JSON không hợp lệ / invalid JSON")
        }
        if let object = value as? [String: Any] {
            if (object["bomFormat"] as? String) == "CycloneDX" { return try CycloneDXJSONReader.read(object) }
            if object["Results"] != nil || object["SchemaVersion"] != nil || object["ArtifactName"] != nil {
                return try TrivyReader.read(object)
            }
            if NucleiReader.isNuclei(object) { return try NucleiReader.read([object]) }
            let keys = object.keys.sorted().prefix(5).joined(separator: ", ")
            throw .unknownFormat(found: "đối tượng JSON với khóa / JSON object with keys \(keys)")
        }
        if let array = value as? [Any] {
            let objects = array.compactMap { $0 as? [String: Any] }
            guard objects.count == array.count else { throw .unknownFormat(found: "mảng JSON / JSON array") }
            guard let first = objects.first else {
                // `[]`: Nuclei writes an empty array when nothing matched.
                return ScanReport(format: .nuclei, tool: "nuclei")
            }
            if NucleiReader.isNuclei(first) { return try NucleiReader.read(objects) }
            if first["Target"] != nil { return try TrivyReader.read(["Results": objects]) }
            throw .unknownFormat(found: "mảng JSON / JSON array")
        }
        throw .unknownFormat(found: "JSON")
    }

    static func firstLine(_ data: Data) -> Data? {
        let bytes = data.drop(while: Self.isSpace)
        guard let end = bytes.firstIndex(of: 0x0A) else { return nil }
        return Data(bytes[bytes.startIndex..<end])
    }
}
