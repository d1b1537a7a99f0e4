import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension ScanReport {
    /// Reads a Nessus v2 file (`.nessus`, `<NessusClientData_v2>`).
    ///
    /// Each `<ReportHost>` is a host: its address is the `host-ip` property, else the host's `name` when that is an
    /// address; its host name `host-fqdn` or `hostname`, else the `name`; the `cpe-N` properties give its operating
    /// system (`cpe:/o:…`) and software (`cpe:/a:…`, `cpe:/h:…`). Each `<ReportItem>` is a result: the plugin id is
    /// the rule, severity 0–4 maps to info…critical (0 is informational), CVSS v3 is preferred to v2, the CVEs are
    /// its `<cve>` elements, the evidence its `<plugin_output>`.
    public static func parseNessus(_ data: Data) throws(ScanError) -> ScanReport {
        // The fast reader first; anything it refuses is read again by Foundation's parser for the exact message.
        if let report = parseNessusFast(data) { return report }
        return try parseNessusWithFoundation(data)
    }

    /// The report read by `XMLByteScanner`, or nil when it refuses the document.
    static func parseNessusFast(_ data: Data) -> ScanReport? {
        let reader = NessusReader()
        guard (try? XMLByteScanner.scan(data, into: NessusByteHandler(reader))) != nil, reader.sawRoot, reader.sawRootEnd else {
            return nil
        }
        return ScanReport(format: .nessus, tool: "Nessus", hosts: reader.hosts, results: reader.results)
    }

    /// The report read by Foundation's parser (through `SafeXMLReader`).
    static func parseNessusWithFoundation(_ data: Data) throws(ScanError) -> ScanReport {
        let reader = NessusReader()
        do {
            try reader.read(data, root: "NessusClientData_v2")
        } catch {
            throw .xml(error)
        }
        return ScanReport(format: .nessus, tool: "Nessus", hosts: reader.hosts, results: reader.results)
    }
}

/// SAX delegate for `ScanReport.parseNessus(_:)`.
final class NessusReader: SafeXMLReader {
    private(set) var hosts: [ScanHost] = []
    private(set) var results: [ScanResult] = []
    private var path: [String] = []
    private var text = ""
    private var hostName: String?
    private var properties: [String: String] = [:]
    private var cpeProperties: [String] = []
    private var tagName: String?
    private var items: [Item] = []
    private var item: Item?

    private struct Item {
        var port: Int?
        var proto: String?
        var severity: Int
        var pluginID: String
        var pluginName: String
        var cves: [String] = []
        var cvss3: Double?
        var cvss2: Double?
        var solution: String?
        var output: String?
        var synopsis: String?
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?, attributes: [String: String] = [:]) {
        guard abortError == nil else { return }
        if let error = open(elementName, attributes, line: parser.lineNumber) { abort(parser, error) }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard abortError == nil else { return }
        characters(string)
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?) {
        guard abortError == nil else { return }
        close(elementName)
    }

    /// An element opens; an error stops the reading.
    func open(_ elementName: String, _ attributes: [String: String], line: @autoclosure () -> Int) -> InventoryError? {
        path.append(elementName)
        text = ""
        capturing = Self.kept.contains(elementName)
        if path.count == 1 {
            guard elementName == "NessusClientData_v2" else {
                return .unexpectedRoot(found: elementName, expected: "NessusClientData_v2")
            }
            sawRoot = true
            return nil
        }
        switch elementName {
        case "ReportHost":
            hostName = attributes["name"]?.trimmingCharacters(in: .whitespaces)
            properties = [:]
            cpeProperties = []
            items = []
        case "tag" where hostName != nil:
            tagName = attributes["name"]
        case "ReportItem" where hostName != nil:
            guard let text = attributes["severity"], let severity = Int(text), (0...4).contains(severity) else {
                return .invalidAttribute(line: line(), element: "ReportItem", attribute: "severity", value: attributes["severity"])
            }
            let port = attributes["port"].flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
            item = Item(port: port, proto: attributes["protocol"], severity: severity,
                        pluginID: attributes["pluginID"] ?? "", pluginName: attributes["pluginName"] ?? "")
        default:
            break
        }
        return nil
    }

    /// The elements whose text is kept; the others (descriptions, references…) are skipped as they stream by.
    private static let kept: Set<String> = ["cve", "cvss3_base_score", "cvss_base_score", "solution", "plugin_output", "synopsis", "tag"]
    private var capturing = false

    /// Whether the text of the element just opened is kept.
    var wantsText: Bool { capturing }

    func characters(_ string: String) {
        guard capturing else { return }
        if text.utf8.count < 200_000 { text += string }
    }

    func close(_ elementName: String) {
        defer {
            path.removeLast()
            text = ""
            capturing = false
        }
        if path.count == 1 {
            sawRootEnd = true
            return
        }
        guard capturing || elementName == "ReportItem" || elementName == "ReportHost" else { return }
        let value = CVERecord.trimmed(text)
        if item != nil {
            switch elementName {
            case "cve": item?.cves.append(value)
            case "cvss3_base_score": item?.cvss3 = Double(value)
            case "cvss_base_score": item?.cvss2 = Double(value)
            case "solution": item?.solution = value.lowercased() == "n/a" ? nil : value
            case "plugin_output": item?.output = value
            case "synopsis": item?.synopsis = value
            case "ReportItem":
                if let item { items.append(item) }
                item = nil
            default: break
            }
            return
        }
        switch elementName {
        case "tag":
            if let name = tagName, !value.isEmpty {
                if name == "cpe" || (name.hasPrefix("cpe-") && Int(name.dropFirst(4)) != nil) {
                    cpeProperties.append(value)
                } else {
                    properties[name] = value
                }
            }
            tagName = nil
        case "ReportHost":
            finishHost()
            hostName = nil
        default: break
        }
    }

    private func finishHost() {
        guard let name = hostName, !name.isEmpty else { return }
        let ip = properties["host-ip"].flatMap(AssetDraft.normalizedIPAddress) ?? AssetDraft.normalizedIPAddress(name)
        let fqdn = properties["host-fqdn"] ?? properties["hostname"] ?? (ip == nil ? name : nil)
        let key = ip ?? fqdn ?? name
        var host = ScanHost(key: key, ipAddress: ip, hostname: fqdn, operatingSystem: properties["operating-system"])
        for property in cpeProperties {
            // "cpe:/a:php:php:5.1.6 -> PHP PHP": the name, then what Nessus calls it.
            let parts = property.components(separatedBy: " -> ")
            let cpe = parts[0].trimmingCharacters(in: .whitespaces)
            guard cpe.lowercased().hasPrefix("cpe:") else { continue }
            if cpe.lowercased().hasPrefix("cpe:/o:") || cpe.lowercased().hasPrefix("cpe:2.3:o:") {
                if !host.cpes.contains(cpe) { host.cpes.append(cpe) }
            } else if !host.software.contains(where: { $0.ref == cpe }) {
                let title = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : cpe
                host.software.append(ScanSoftware(ref: cpe, name: title, cpes: [cpe]))
            }
        }
        if !hosts.contains(where: { $0.key == key }) { hosts.append(host) }
        for item in items {
            let severity: ScanSeverity = switch item.severity {
            case 0: .info
            case 1: .low
            case 2: .medium
            case 3: .high
            default: .critical
            }
            results.append(ScanResult(
                hostKey: key, ruleID: item.pluginID.isEmpty ? item.pluginName : item.pluginID, name: item.pluginName,
                severity: severity, cvss: item.cvss3 ?? item.cvss2, cves: item.cves, port: item.port, proto: item.proto,
                evidence: item.output ?? item.synopsis, solution: item.solution))
        }
    }
}

/// Drives a `NessusReader` from `XMLByteScanner`; any error the reader raises makes the scanner refuse (the document
/// is then read again through Foundation's parser, which gives the error its line).
final class NessusByteHandler: XMLByteHandler {
    let reader: NessusReader

    init(_ reader: NessusReader) { self.reader = reader }

    func start(_ name: String, _ attributes: [String: String]) throws(XMLByteScanner.Refusal) -> Bool {
        if reader.open(name, attributes, line: 0) != nil { throw XMLByteScanner.Refusal() }
        return reader.wantsText
    }

    func text(_ text: String) { reader.characters(text) }

    func end(_ name: String) throws(XMLByteScanner.Refusal) { reader.close(name) }
}
