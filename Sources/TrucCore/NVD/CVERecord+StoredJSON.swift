import Foundation

extension CVERecord {
    /// The record as stored and hashed: the same bytes as `JSONEncoder` gives with `.sortedKeys`,
    /// `.withoutEscapingSlashes` and ISO 8601 dates (so content hashes written before stay valid), written directly.
    public var storedJSON: [UInt8] {
        var out = JSONByteWriter(capacity: 2048)
        out.raw("{\"configurations\":")
        Self.write(configurations, to: &out)
        out.raw(",\"description\":")
        out.string(description)
        out.raw(",\"id\":")
        out.string(id)
        if let lastModified {
            out.raw(",\"lastModified\":")
            out.date(lastModified)
        }
        out.raw(",\"metrics\":")
        Self.write(metrics, to: &out)
        if let published {
            out.raw(",\"published\":")
            out.date(published)
        }
        out.raw(",\"references\":")
        out.strings(references)
        if let status {
            out.raw(",\"status\":")
            out.string(status)
        }
        out.raw(",\"weaknesses\":")
        out.strings(weaknesses)
        out.raw("}")
        return out.bytes
    }

    /// `metrics` as stored (`JSONEncoder`'s bytes with sorted keys).
    public static func storedJSON(_ metrics: [CVSSMetric]) -> String {
        var out = JSONByteWriter(capacity: 512)
        write(metrics, to: &out)
        return out.text
    }

    /// `configurations` as stored (`JSONEncoder`'s bytes with sorted keys, in their compact form).
    public static func storedJSON(_ configurations: [CPEConfiguration]) -> String {
        var out = JSONByteWriter(capacity: 1024)
        write(configurations, to: &out)
        return out.text
    }

    static func write(_ metrics: [CVSSMetric], to out: inout JSONByteWriter) {
        out.raw("[")
        for (index, metric) in metrics.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"baseScore\":")
            out.number(metric.baseScore)
            if let feedScore = metric.feedScore {
                out.raw(",\"feedScore\":")
                out.number(feedScore)
            }
            out.raw(",\"primary\":")
            out.bool(metric.primary)
            out.raw(",\"severity\":")
            out.string(metric.severity.rawValue)
            if let source = metric.source {
                out.raw(",\"source\":")
                out.string(source)
            }
            out.raw(",\"vector\":")
            out.string(metric.vector)
            out.raw(",\"version\":")
            out.string(metric.version)
            out.raw("}")
        }
        out.raw("]")
    }

    /// The compact form of `CPEConfiguration+Codable`, keys sorted.
    static func write(_ configurations: [CPEConfiguration], to out: inout JSONByteWriter) {
        out.raw("[")
        for (index, configuration) in configurations.enumerated() {
            if index > 0 { out.raw(",") }
            var fields = Fields(&out)
            if configuration.negate { fields.key("neg", &out); out.raw("true") }
            if !configuration.nodes.isEmpty {
                fields.key("nodes", &out)
                writeNodes(configuration.nodes, to: &out)
            }
            if configuration.operator != .or { fields.key("op", &out); out.string(configuration.operator.rawValue) }
            out.raw("}")
        }
        out.raw("]")
    }

    private static func writeNodes(_ nodes: [CPEConfiguration.Node], to out: inout JSONByteWriter) {
        out.raw("[")
        for (index, node) in nodes.enumerated() {
            if index > 0 { out.raw(",") }
            var fields = Fields(&out)
            if !node.criteria.isEmpty {
                fields.key("c", &out)
                out.raw("[")
                for (c, criterion) in node.criteria.enumerated() {
                    if c > 0 { out.raw(",") }
                    write(criterion, to: &out)
                }
                out.raw("]")
            }
            if !node.children.isEmpty {
                fields.key("ch", &out)
                writeNodes(node.children, to: &out)
            }
            if node.negate { fields.key("neg", &out); out.raw("true") }
            if node.operator != .or { fields.key("op", &out); out.string(node.operator.rawValue) }
            out.raw("}")
        }
        out.raw("]")
    }

    private static func write(_ criterion: CPEMatchCriterion, to out: inout JSONByteWriter) {
        out.raw("{\"cpe\":")
        out.string(criterion.criteria.formattedString)
        switch criterion.range?.end {
        case .excluding(let version): out.raw(",\"ee\":"); out.string(version.text)
        case .including(let version): out.raw(",\"ei\":"); out.string(version.text)
        case nil: break
        }
        if let id = criterion.id {
            out.raw(",\"id\":")
            out.string(id)
        }
        switch criterion.range?.start {
        case .excluding(let version): out.raw(",\"se\":"); out.string(version.text)
        case .including(let version): out.raw(",\"si\":"); out.string(version.text)
        case nil: break
        }
        out.raw(",\"v\":")
        out.bool(criterion.vulnerable)
        out.raw("}")
    }

    /// Opens an object and writes the separators between its keys.
    private struct Fields {
        private var first = true

        init(_ out: inout JSONByteWriter) { out.raw("{") }

        mutating func key(_ name: StaticString, _ out: inout JSONByteWriter) {
            out.raw(first ? "\"" : ",\"")
            out.raw(name)
            out.raw("\":")
            first = false
        }
    }
}
