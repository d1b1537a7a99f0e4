import Foundation

/// Reads Nuclei output (`-jsonl` one object per line, or `-json-export` an array), old (`templateID`, `matched`)
/// and new (`template-id`, `matched-at`) field names alike.
///
/// A result's host is its `ip`, else the host part of `host`; its rule is the template id; its CVEs come from
/// `info.classification.cve-id` and from a template id that is itself a CVE id; the evidence is what matched and
/// what was extracted; `info` severity is informational.
enum NucleiReader {
    static func isNuclei(_ object: [String: Any]) -> Bool {
        (object["template-id"] ?? object["templateID"]) is String && object["info"] is [String: Any]
    }

    static func readLines(_ data: Data) throws(ScanError) -> ScanReport {
        var objects: [[String: Any]] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !ScanReport.isSpace($0) }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw .jsonLine(line: lineNumber, detail: "không phải một đối tượng JSON / not a JSON object")
            }
            guard isNuclei(object) else {
                throw .jsonLine(line: lineNumber, detail: "thiếu template-id hoặc info / no template-id or info")
            }
            objects.append(object)
        }
        return try read(objects)
    }

    static func read(_ objects: [[String: Any]]) throws(ScanError) -> ScanReport {
        var hosts: [ScanHost] = []
        var hostIndex: [String: Int] = [:]
        var results: [ScanResult] = []
        for (index, object) in objects.enumerated() {
            guard let template = (object["template-id"] ?? object["templateID"]) as? String,
                  let info = object["info"] as? [String: Any] else {
                throw .json(format: .nuclei, detail: "mục \(index + 1) thiếu template-id hoặc info / entry \(index + 1) has no template-id or info")
            }
            let hostText = (object["host"] as? String) ?? ""
            let matched = (object["matched-at"] ?? object["matched"]) as? String
            let url = URLComponents(string: hostText)
            let hostname = url?.host.flatMap { $0.isEmpty ? nil : $0 }
                ?? (hostText.isEmpty ? nil : String(hostText.split(separator: ":").first ?? ""))
            let ip = (object["ip"] as? String).flatMap(AssetDraft.normalizedIPAddress)
                ?? hostname.flatMap(AssetDraft.normalizedIPAddress)
            let name = hostname.flatMap { AssetDraft.normalizedIPAddress($0) == nil ? $0 : nil }
            guard let key = ip ?? name else { continue }
            if let existing = hostIndex[key] {
                if hosts[existing].hostname == nil, let name { hosts[existing].hostname = name }
            } else {
                hostIndex[key] = hosts.count
                hosts.append(ScanHost(key: key, ipAddress: ip, hostname: name))
            }
            var cves: [String] = []
            if let classification = info["classification"] as? [String: Any] {
                if let list = classification["cve-id"] as? [String] { cves += list }
                if let one = classification["cve-id"] as? String { cves.append(one) }
            }
            if ScanResult.isCVE(template.uppercased()) { cves.append(template) }
            let cvss = JSONNumber.double((info["classification"] as? [String: Any])?["cvss-score"])
            var evidence: [String] = []
            if let matched { evidence.append("Khớp tại / matched at: \(matched)") }
            if let extracted = (object["extracted-results"] ?? object["extracted_results"]) as? [String], !extracted.isEmpty {
                evidence.append("Trích được / extracted: " + extracted.prefix(20).joined(separator: ", "))
            }
            if let matcher = (object["matcher-name"] ?? object["matcher_name"]) as? String {
                evidence.append("Matcher: \(matcher)")
            }
            let severity = (info["severity"] as? String).flatMap(ScanSeverity.init(word:)) ?? .medium
            let port = JSONNumber.int(object["port"]) ?? Self.port(of: matched)
            let proto = (object["type"] as? String).map { ["http", "network", "ssl", "javascript"].contains($0) ? "tcp" : $0 == "dns" ? "udp" : $0 }
            results.append(ScanResult(
                hostKey: key, ruleID: template, name: (info["name"] as? String) ?? template, severity: severity,
                cvss: cvss, cves: cves, port: port, proto: port == nil ? nil : proto,
                evidence: evidence.joined(separator: "\n"), solution: info["remediation"] as? String))
        }
        return ScanReport(format: .nuclei, tool: "nuclei", hosts: hosts, results: results)
    }

    /// The port of `https://h/…` (443), `http://h:8080/` (8080) or `h:22` (22).
    static func port(of matched: String?) -> Int? {
        guard let matched else { return nil }
        if let url = URLComponents(string: matched), let scheme = url.scheme, url.host != nil {
            if let port = url.port { return port }
            switch scheme.lowercased() {
            case "https": return 443
            case "http": return 80
            default: break
            }
        }
        if let last = matched.split(separator: ":").last, let port = Int(last), (1...65535).contains(port) { return port }
        return nil
    }
}
