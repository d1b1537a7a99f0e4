import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension ScanReport {
    /// Reads a Greenbone/OpenVAS GMP XML report (as the web interface and `gvm-cli get_reports` export it: a
    /// `<report>` holding an inner `<report>` with `<results>` and one `<host>` per scanned host).
    ///
    /// Hosts are the report's `<host>` entries (every scanned host, with or without results) and the hosts results
    /// name; each host's `best_os_cpe` detail is its CPE and its `App` details its software. Each `<result>` is
    /// one result: the NVT OID is the rule, the CVEs come from `refs/ref[@type=cve]` (and the older `<cve>` list),
    /// the solution from the NVT tags, the evidence from the description; threat `Log` (severity 0) is informational.
    public static func parseOpenVAS(_ data: Data) throws(ScanError) -> ScanReport {
        let reader = OpenVASReader()
        do {
            try reader.read(data, root: "report")
        } catch {
            throw .xml(error)
        }
        return reader.report()
    }
}

/// SAX delegate for `ScanReport.parseOpenVAS(_:)`.
final class OpenVASReader: SafeXMLReader {
    private var path: [String] = []
    private var text = ""
    private var result: Partial?
    private var host: (ip: String?, hostname: String?, os: String?, cpes: [String], apps: [String])?
    private var detail: (name: String?, value: String?)?
    private var hostsByKey: [String: ScanHost] = [:]
    private var hostOrder: [String] = []
    private var results: [ScanResult] = []

    private struct Partial {
        var name = ""
        var host = ""
        var hostname: String?
        var port: String?
        var oid = ""
        var nvtName: String?
        var cvss: Double?
        var tags = ""
        var cves: [String] = []
        var threat: String?
        var severity: Double?
        var description: String?
    }

    func report() -> ScanReport {
        ScanReport(format: .openvas, tool: "Greenbone/OpenVAS", hosts: hostOrder.compactMap { hostsByKey[$0] },
                   results: results)
    }

    private func addHost(ip: String?, hostname: String?, os: String? = nil, cpes: [String] = [], apps: [String] = []) {
        let ip = ip.flatMap(AssetDraft.normalizedIPAddress)
        let hostname = hostname.flatMap { $0.isEmpty ? nil : $0 }
        guard let key = ip ?? hostname else { return }
        var current = hostsByKey[key] ?? ScanHost(key: key, ipAddress: ip, hostname: hostname)
        if hostsByKey[key] == nil { hostOrder.append(key) }
        current.hostname = current.hostname ?? hostname
        current.operatingSystem = current.operatingSystem ?? os
        for cpe in cpes where !current.cpes.contains(cpe) { current.cpes.append(cpe) }
        for app in apps where !current.software.contains(where: { $0.ref == app }) {
            current.software.append(ScanSoftware(ref: app, name: app, cpes: [app]))
        }
        hostsByKey[key] = current
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?, attributes: [String: String] = [:]) {
        guard abortError == nil else { return }
        // A result's address is the text of <host> before its nested <asset/> and <hostname>.
        if result != nil, path.last == "host", path.count >= 2, path[path.count - 2] == "result",
           result?.host.isEmpty == true {
            result?.host = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        path.append(elementName)
        text = ""
        capturing = Self.kept.contains(elementName)
        if path.count == 1 {
            guard elementName == "report" else {
                return abort(parser, .unexpectedRoot(found: elementName, expected: "report"))
            }
            sawRoot = true
            return
        }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch elementName {
        case "result" where parent == "results":
            result = Partial()
        case "nvt" where result != nil && parent == "result":
            result?.oid = attributes["oid"] ?? ""
        case "ref" where result != nil && parent == "refs":
            if attributes["type"]?.lowercased() == "cve", let id = attributes["id"] { result?.cves.append(id) }
        case "host" where parent == "report" && result == nil:
            host = (nil, nil, nil, [], [])
        case "detail" where host != nil && parent == "host":
            detail = (nil, nil)
        default:
            break
        }
    }

    /// The elements whose text is kept; the others stream by.
    private static let kept: Set<String> = ["name", "host", "hostname", "port", "cvss_base", "tags", "cve", "threat", "severity",
                                            "description", "ip", "value"]
    private var capturing = false

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard capturing, abortError == nil else { return }
        // Only texts we keep; a result's description and tags can be long, the limit is applied when it is stored.
        if text.utf8.count < 200_000 { text += string }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?) {
        guard abortError == nil else { return }
        defer {
            path.removeLast()
            text = ""
        }
        if path.count == 1 {
            sawRootEnd = true
            return
        }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if var partial = result {
            switch (elementName, parent) {
            case ("name", "result"): partial.name = value
            case ("host", "result"):
                // The address is the text before the nested <asset/> and <hostname>.
                if partial.host.isEmpty { partial.host = value }
            case ("hostname", "host"): partial.hostname = value.isEmpty ? nil : value
            case ("port", "result"): partial.port = value
            case ("name", "nvt"): partial.nvtName = value
            case ("cvss_base", "nvt"): partial.cvss = Double(value)
            case ("tags", "nvt"): partial.tags = value
            case ("cve", "nvt"):
                partial.cves += value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            case ("threat", "result"): partial.threat = value
            case ("severity", "result"): partial.severity = Double(value)
            case ("description", "result"): partial.description = value
            case ("result", "results"):
                finish(partial)
                result = nil
                return
            default: break
            }
            result = partial
            return
        }
        guard host != nil else { return }
        switch (elementName, parent) {
        case ("ip", "host"): host?.ip = value
        case ("name", "detail"): detail?.name = value
        case ("value", "detail"): detail?.value = value
        case ("detail", "host"):
            if let name = detail?.name, let value = detail?.value, !value.isEmpty {
                switch name {
                case "best_os_cpe": host?.cpes.append(value)
                case "best_os_txt": host?.os = value
                case "hostname": if host?.hostname == nil { host?.hostname = value }
                case "App": if value.lowercased().hasPrefix("cpe:") { host?.apps.append(value) }
                default: break
                }
            }
            detail = nil
        case ("host", "report"):
            if let current = host {
                addHost(ip: current.ip, hostname: current.hostname, os: current.os, cpes: current.cpes, apps: current.apps)
            }
            host = nil
        default: break
        }
    }

    /// Text after a `|`-separated tag `name=` in an NVT's tags.
    static func tag(_ name: String, in tags: String) -> String? {
        for part in tags.split(separator: "|") where part.hasPrefix(name + "=") {
            return String(part.dropFirst(name.count + 1))
        }
        return nil
    }

    private func finish(_ partial: Partial) {
        let ip = AssetDraft.normalizedIPAddress(partial.host)
        let hostname = partial.hostname ?? (ip == nil && !partial.host.isEmpty ? partial.host : nil)
        addHost(ip: ip, hostname: hostname)
        guard let key = ip ?? hostname else { return }
        // "443/tcp", "general/tcp", "package", "" …
        var port: Int?
        var proto: String?
        if let text = partial.port {
            let pieces = text.split(separator: "/")
            // "general/tcp" names no port: neither is kept.
            if pieces.count == 2, let number = Int(pieces[0]) {
                port = number
                proto = String(pieces[1])
            }
        }
        let threat = partial.threat.flatMap(ScanSeverity.init(word:))
        let severity: ScanSeverity
        if threat == .info || partial.severity == 0 {
            severity = .info
        } else if let score = partial.severity ?? partial.cvss {
            severity = ScanSeverity(score: score)
        } else {
            severity = threat ?? .medium
        }
        let cves = partial.cves.filter { $0.uppercased() != "NOCVE" }
        results.append(ScanResult(
            hostKey: key, ruleID: partial.oid.isEmpty ? partial.name : partial.oid,
            name: partial.nvtName ?? partial.name, severity: severity, cvss: partial.severity ?? partial.cvss, cves: cves,
            port: port, proto: proto, evidence: partial.description,
            solution: Self.tag("solution", in: partial.tags)))
    }
}
