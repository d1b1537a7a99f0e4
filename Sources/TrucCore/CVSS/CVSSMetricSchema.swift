/// The metrics one CVSS version defines, in the order of its specification's vector string,
/// and the parser of the `METRIC:VALUE/METRIC:VALUE` body shared by all versions.
struct CVSSMetricSchema: Sendable {
    /// "2.0", "3.0", "3.1" or "4.0", for error messages.
    let version: String
    /// Every metric: its abbreviation, its allowed values, and whether the vector must contain it.
    let metrics: [(key: String, values: [String], mandatory: Bool)]
    /// The value that means "not defined" for optional metrics ("X", or "ND" in v2).
    let notDefined: String

    /// Parses `body` (the vector without its prefix) into a metric → value map,
    /// rejecting malformed components, unknown or repeated metrics, bad values and missing mandatory metrics.
    func parse(_ body: Substring) throws(CVSSError) -> [String: String] {
        var result: [String: String] = [:]
        for component in body.split(separator: "/", omittingEmptySubsequences: false) {
            let parts = component.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .malformedComponent(String(component))
            }
            let key = String(parts[0])
            let value = String(parts[1])
            guard let definition = metrics.first(where: { $0.key == key }) else {
                throw .unknownMetric(key, version: version)
            }
            guard result[key] == nil else { throw .duplicateMetric(key) }
            guard definition.values.contains(value) else { throw .invalidValue(metric: key, value: value) }
            result[key] = value
        }
        for definition in metrics where definition.mandatory && result[definition.key] == nil {
            throw .missingMetric(definition.key)
        }
        return result
    }

    /// The metrics of `values` in specification order, leaving out optional ones that are not defined.
    func canonicalBody(_ values: [String: String]) -> String {
        metrics.compactMap { definition -> String? in
            guard let value = values[definition.key], definition.mandatory || value != notDefined else { return nil }
            return "\(definition.key):\(value)"
        }
        .joined(separator: "/")
    }

    /// Whether any of `keys` has a defined (not "X"/"ND") value in `values`.
    func anyDefined(_ keys: [String], in values: [String: String]) -> Bool {
        keys.contains { key in values[key].map { $0 != notDefined } ?? false }
    }
}
