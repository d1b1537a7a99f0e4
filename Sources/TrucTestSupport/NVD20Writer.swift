import Foundation
import TrucCore

/// Writes `CVERecord`s in the shape of NVD CVE API 2.0 (`{"cve": {...}}` elements), so that fake NVD servers can serve
/// the shared NVD 1.1 data as the API would. Reading the output with `NVDFeedReader` gives the same records.
public enum NVD20Writer {
    /// One `vulnerabilities` element, as JSON bytes (written directly, keys in sorted order: a fake NVD serves
    /// hundreds of thousands of them, and building Foundation objects for each one cost more than reading them).
    public static func item(_ record: CVERecord) -> [UInt8] {
        var out = JSONByteWriter(capacity: 4096)
        out.raw("{\"cve\":{")
        out.raw("\"configurations\":[")
        for (index, configuration) in record.configurations.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{")
            if configuration.negate { out.raw("\"negate\":true,") }
            out.raw("\"nodes\":[")
            for (n, node) in configuration.nodes.enumerated() {
                if n > 0 { out.raw(",") }
                write(node, to: &out)
            }
            out.raw("]")
            if configuration.operator == .and { out.raw(",\"operator\":\"AND\"") }
            out.raw("}")
        }
        out.raw("],\"descriptions\":[{\"lang\":\"en\",\"value\":")
        out.string(record.description)
        out.raw("}],\"id\":")
        out.string(record.id)
        if let modified = record.lastModified {
            out.raw(",\"lastModified\":")
            out.string(timestamp(modified))
        }
        out.raw(",\"metrics\":{")
        var groups: [String: [CVSSMetric]] = [:]
        for metric in record.metrics {
            let key: String
            switch metric.version {
            case "4.0": key = "cvssMetricV40"
            case "3.1": key = "cvssMetricV31"
            case "3.0": key = "cvssMetricV30"
            default: key = "cvssMetricV2"
            }
            groups[key, default: []].append(metric)
        }
        for (g, key) in groups.keys.sorted().enumerated() {
            if g > 0 { out.raw(",") }
            out.string(key)
            out.raw(":[")
            for (m, metric) in groups[key]!.enumerated() {
                if m > 0 { out.raw(",") }
                out.raw("{\"cvssData\":{")
                if let score = metric.feedScore { out.raw("\"baseScore\":\(score),") }
                out.raw("\"vectorString\":")
                out.string(metric.vector)
                out.raw(",\"version\":")
                out.string(metric.version)
                out.raw("}")
                if let source = metric.source {
                    out.raw(",\"source\":")
                    out.string(source)
                }
                out.raw(metric.primary ? ",\"type\":\"Primary\"}" : ",\"type\":\"Secondary\"}")
            }
            out.raw("]")
        }
        out.raw("}")
        if let published = record.published {
            out.raw(",\"published\":")
            out.string(timestamp(published))
        }
        out.raw(",\"references\":[")
        for (index, url) in record.references.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"source\":\"nvd@nist.gov\",\"url\":")
            out.string(url)
            out.raw("}")
        }
        out.raw("],\"sourceIdentifier\":\"nvd@nist.gov\"")
        if let status = record.status {
            out.raw(",\"vulnStatus\":")
            out.string(status)
        }
        if !record.weaknesses.isEmpty {
            out.raw(",\"weaknesses\":[{\"description\":[")
            for (index, weakness) in record.weaknesses.enumerated() {
                if index > 0 { out.raw(",") }
                out.raw("{\"lang\":\"en\",\"value\":")
                out.string(weakness)
                out.raw("}")
            }
            out.raw("],\"source\":\"nvd@nist.gov\",\"type\":\"Primary\"}]")
        }
        out.raw("}}")
        return out.bytes
    }

    private static func write(_ node: CPEConfiguration.Node, to out: inout JSONByteWriter) {
        out.raw("{")
        if !node.children.isEmpty {
            out.raw("\"children\":[")
            for (index, child) in node.children.enumerated() {
                if index > 0 { out.raw(",") }
                write(child, to: &out)
            }
            out.raw("],")
        }
        out.raw("\"cpeMatch\":[")
        for (index, criterion) in node.criteria.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"criteria\":")
            out.string(criterion.criteria.formattedString)
            if let id = criterion.id {
                out.raw(",\"matchCriteriaId\":")
                out.string(id)
            }
            if let range = criterion.range {
                switch range.end {
                case .excluding(let v): out.raw(",\"versionEndExcluding\":"); out.string(v.text)
                case .including(let v): out.raw(",\"versionEndIncluding\":"); out.string(v.text)
                case nil: break
                }
                switch range.start {
                case .excluding(let v): out.raw(",\"versionStartExcluding\":"); out.string(v.text)
                case .including(let v): out.raw(",\"versionStartIncluding\":"); out.string(v.text)
                case nil: break
                }
            }
            out.raw(criterion.vulnerable ? ",\"vulnerable\":true}" : ",\"vulnerable\":false}")
        }
        out.raw("],\"negate\":")
        out.raw(node.negate ? "true" : "false")
        out.raw(",\"operator\":")
        out.string(node.operator.rawValue)
        out.raw("}")
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
