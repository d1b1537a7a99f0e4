import Foundation

/// A CVSS version 4.0 vector, e.g. `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`: the eleven
/// mandatory base metrics, optionally the threat metric (E), environmental metrics (CR, IR, AR, MAV … MSA) and
/// supplemental metrics (S, AU, R, V, RE, U; they never change the score).
///
/// Scores follow the FIRST CVSS v4.0 specification, section 8 (MacroVectors, their score table and the
/// interpolation by severity distance), computed exactly as FIRST's reference calculator does.
public struct CVSSv4: Sendable, Hashable, CustomStringConvertible {
    /// The metric values as written in the vector, keyed by abbreviation.
    public let metrics: [String: String]

    public var version: String { "4.0" }

    /// Parses `CVSS:4.0/...`; metrics may come in any order. Surrounding whitespace is ignored.
    public init(parsing string: String) throws(CVSSError) {
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.hasPrefix("CVSS:4.0/") else {
            if trimmed.hasPrefix("CVSS:4.") { throw .unsupportedVersion(String(trimmed.prefix(while: { $0 != "/" }))) }
            throw .wrongPrefix(string)
        }
        metrics = try Self.schema.parse(trimmed.dropFirst("CVSS:4.0/".count))
    }

    /// The vector with its metrics in the specification's order, leaving out metrics that are `X`.
    public var vectorString: String { "CVSS:4.0/" + Self.schema.canonicalBody(metrics) }

    public var description: String { vectorString }

    /// The value of a metric given in the vector (`nil` when absent).
    public subscript(metric: String) -> String? { metrics[metric] }

    /// Whether the vector defines the threat metric (E other than X).
    public var hasThreatMetrics: Bool { Self.schema.anyDefined(Self.threatMetrics, in: metrics) }

    /// Whether the vector defines any environmental metric (other than X).
    public var hasEnvironmentalMetrics: Bool { Self.schema.anyDefined(Self.environmentalMetrics, in: metrics) }

    /// What `score` is, in the specification's nomenclature: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE".
    public var nomenclature: String {
        "CVSS-B" + (hasThreatMetrics ? "T" : "") + (hasEnvironmentalMetrics ? "E" : "")
    }

    /// The score of the vector as written, threat and environmental metrics included (see `nomenclature`):
    /// what FIRST's calculator shows for it.
    public var score: Double { Self.score(of: metrics) }

    /// The CVSS-B score: base metrics only, threat and environmental metrics ignored.
    public var baseScore: Double {
        hasThreatMetrics || hasEnvironmentalMetrics
            ? Self.score(of: metrics.filter { Self.baseMetrics.contains($0.key) })
            : score
    }

    /// The qualitative rating of the base (CVSS-B) score.
    public var severity: CVSSSeverity { CVSSSeverity(score: baseScore) }

    /// The MacroVector of the vector as written: six digits EQ1 … EQ6.
    public var macroVector: String { Self.macroVector(of: metrics) }

    // MARK: Schema

    static let baseMetrics: Set<String> = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
    static let threatMetrics = ["E"]
    static let environmentalMetrics = [
        "CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
    ]

    static let schema = CVSSMetricSchema(
        version: "4.0",
        metrics: [
            ("AV", ["N", "A", "L", "P"], true),
            ("AC", ["L", "H"], true),
            ("AT", ["N", "P"], true),
            ("PR", ["N", "L", "H"], true),
            ("UI", ["N", "P", "A"], true),
            ("VC", ["H", "L", "N"], true),
            ("VI", ["H", "L", "N"], true),
            ("VA", ["H", "L", "N"], true),
            ("SC", ["H", "L", "N"], true),
            ("SI", ["H", "L", "N"], true),
            ("SA", ["H", "L", "N"], true),
            ("E", ["X", "A", "P", "U"], false),
            ("CR", ["X", "H", "M", "L"], false),
            ("IR", ["X", "H", "M", "L"], false),
            ("AR", ["X", "H", "M", "L"], false),
            ("MAV", ["X", "N", "A", "L", "P"], false),
            ("MAC", ["X", "L", "H"], false),
            ("MAT", ["X", "N", "P"], false),
            ("MPR", ["X", "N", "L", "H"], false),
            ("MUI", ["X", "N", "P", "A"], false),
            ("MVC", ["X", "H", "L", "N"], false),
            ("MVI", ["X", "H", "L", "N"], false),
            ("MVA", ["X", "H", "L", "N"], false),
            ("MSC", ["X", "H", "L", "N"], false),
            ("MSI", ["X", "S", "H", "L", "N"], false),
            ("MSA", ["X", "S", "H", "L", "N"], false),
            ("S", ["X", "N", "P"], false),
            ("AU", ["X", "N", "Y"], false),
            ("R", ["X", "A", "U", "I"], false),
            ("V", ["X", "D", "C"], false),
            ("RE", ["X", "L", "M", "H"], false),
            ("U", ["X", "Clear", "Green", "Amber", "Red"], false),
        ],
        notDefined: "X"
    )
}
