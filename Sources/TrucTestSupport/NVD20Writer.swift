import Foundation
import TrucCore

/// Writes `CVERecord`s in the shape of NVD CVE API 2.0 (`{"cve": {...}}` elements), so that fake NVD servers can serve
/// the shared NVD 1.1 data as the API would. Reading the output with `NVDFeedReader` gives the same records.
public enum NVD20Writer {
    /// One `vulnerabilities` element, as JSON bytes.
    public static func item(_ record: CVERecord) -> [UInt8] {
        var cve: [String: Any] = [
            "id": record.id,
            "sourceIdentifier": "nvd@nist.gov",
            "descriptions": [["lang": "en", "value": record.description]],
            "references": record.references.map { ["url": $0, "source": "nvd@nist.gov"] },
        ]
        if let status = record.status { cve["vulnStatus"] = status }
        if let published = record.published { cve["published"] = timestamp(published) }
        if let modified = record.lastModified { cve["lastModified"] = timestamp(modified) }
        var metrics: [String: [[String: Any]]] = [:]
        for metric in record.metrics {
            let key: String
            switch metric.version {
            case "4.0": key = "cvssMetricV40"
            case "3.1": key = "cvssMetricV31"
            case "3.0": key = "cvssMetricV30"
            default: key = "cvssMetricV2"
            }
            var data: [String: Any] = ["version": metric.version, "vectorString": metric.vector]
            if let score = metric.feedScore { data["baseScore"] = score }
            var entry: [String: Any] = ["type": metric.primary ? "Primary" : "Secondary", "cvssData": data]
            if let source = metric.source { entry["source"] = source }
            metrics[key, default: []].append(entry)
        }
        cve["metrics"] = metrics
        if !record.weaknesses.isEmpty {
            cve["weaknesses"] = [["source": "nvd@nist.gov", "type": "Primary",
                                  "description": record.weaknesses.map { ["lang": "en", "value": $0] }]]
        }
        cve["configurations"] = record.configurations.map { configuration -> [String: Any] in
            var out: [String: Any] = ["nodes": configuration.nodes.map(node)]
            if configuration.operator == .and { out["operator"] = "AND" }
            if configuration.negate { out["negate"] = true }
            return out
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["cve": cve], options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array(data)
    }

    private static func node(_ node: CPEConfiguration.Node) -> [String: Any] {
        var out: [String: Any] = [
            "operator": node.operator.rawValue,
            "negate": node.negate,
            "cpeMatch": node.criteria.map { criterion -> [String: Any] in
                var match: [String: Any] = ["vulnerable": criterion.vulnerable, "criteria": criterion.criteria.formattedString]
                if let id = criterion.id { match["matchCriteriaId"] = id }
                if let range = criterion.range {
                    switch range.start {
                    case .including(let v): match["versionStartIncluding"] = v.text
                    case .excluding(let v): match["versionStartExcluding"] = v.text
                    case nil: break
                    }
                    switch range.end {
                    case .including(let v): match["versionEndIncluding"] = v.text
                    case .excluding(let v): match["versionEndExcluding"] = v.text
                    case nil: break
                    }
                }
                return match
            },
        ]
        if !node.children.isEmpty { out["children"] = node.children.map(self.node) }
        return out
    }

    /// "2024-04-12T08:15:06.230" (UTC, as NVD writes it).
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Rounded to the nearest millisecond first: `nanosecond` of 0.977 s can read 976_999_999.
        let totalMillis = (date.timeIntervalSince1970 * 1000).rounded()
        let millis = Int(totalMillis.truncatingRemainder(dividingBy: 1000) + 1000) % 1000
        let whole = Date(timeIntervalSince1970: ((totalMillis - Double(millis)) / 1000).rounded())
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0, millis)
    }
}
