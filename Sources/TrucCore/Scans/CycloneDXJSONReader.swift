import Foundation

/// Reads a CycloneDX JSON document (1.4–1.6): metadata, components (nested too) and vulnerabilities.
enum CycloneDXJSONReader {
    static func read(_ object: [String: Any]) throws(ScanError) -> ScanReport {
        var document = CycloneDXDocument()
        document.serialNumber = object["serialNumber"] as? String
        if let metadata = object["metadata"] as? [String: Any] {
            if let component = metadata["component"] as? [String: Any], let name = component["name"] as? String {
                document.subject = name + ((component["version"] as? String).map { " \($0)" } ?? "")
            }
            // 1.4: a list of tools; 1.5+: {"components": [...]}.
            let tools = (metadata["tools"] as? [[String: Any]])
                ?? ((metadata["tools"] as? [String: Any])?["components"] as? [[String: Any]]) ?? []
            document.tool = tools.first.map { [$0["name"] as? String, $0["version"] as? String].compactMap { $0 }.joined(separator: " ") }
        }
        func collect(_ list: Any?, depth: Int) throws(ScanError) {
            guard let list else { return }
            guard depth < 32 else { throw .json(format: .cyclonedx, detail: "thành phần lồng quá sâu / components nested too deep") }
            guard let components = list as? [Any] else {
                throw .json(format: .cyclonedx, detail: "components không phải một mảng / components is not an array")
            }
            for entry in components {
                guard let component = entry as? [String: Any], let name = component["name"] as? String else {
                    throw .json(format: .cyclonedx, detail: "một thành phần không có name / a component without a name")
                }
                document.components.append(.init(ref: component["bom-ref"] as? String, group: component["group"] as? String,
                                                 name: name, version: component["version"] as? String,
                                                 purl: component["purl"] as? String, cpe: component["cpe"] as? String))
                try collect(component["components"], depth: depth + 1)
            }
        }
        try collect(object["components"], depth: 0)
        if let list = object["vulnerabilities"] {
            guard let vulnerabilities = list as? [Any] else {
                throw .json(format: .cyclonedx, detail: "vulnerabilities không phải một mảng / vulnerabilities is not an array")
            }
            for entry in vulnerabilities {
                guard let item = entry as? [String: Any], let id = item["id"] as? String, !id.isEmpty else {
                    throw .json(format: .cyclonedx, detail: "một lỗ hổng không có id / a vulnerability without an id")
                }
                var vulnerability = CycloneDXDocument.Vulnerability(id: id)
                vulnerability.references = ((item["references"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                for rating in (item["ratings"] as? [[String: Any]]) ?? [] {
                    if let severity = rating["severity"] as? String { vulnerability.severities.append(severity) }
                    if let score = JSONNumber.double(rating["score"]) { vulnerability.scores.append(score) }
                }
                vulnerability.description = item["description"] as? String
                vulnerability.recommendation = item["recommendation"] as? String
                if let analysis = item["analysis"] as? [String: Any] {
                    vulnerability.state = analysis["state"] as? String
                    vulnerability.justification = analysis["justification"] as? String
                    vulnerability.detail = analysis["detail"] as? String
                }
                vulnerability.affects = ((item["affects"] as? [[String: Any]]) ?? []).compactMap { $0["ref"] as? String }
                document.vulnerabilities.append(vulnerability)
            }
        }
        return document.report()
    }
}
