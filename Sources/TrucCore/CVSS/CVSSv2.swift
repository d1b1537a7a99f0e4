import Foundation

/// A CVSS version 2 vector, e.g. `AV:N/AC:L/Au:N/C:P/I:P/A:P` (NVD's form) or `(AV:N/AC:L/Au:N/C:P/I:P/A:P)`
/// (the v2 guide's form), optionally with temporal (E, RL, RC) and environmental (CDP, TD, CR, IR, AR) metrics.
///
/// Scores follow "A Complete Guide to the Common Vulnerability Scoring System Version 2.0" (FIRST), section 3.2,
/// each rounded to one decimal place (half up).
public struct CVSSv2: Sendable, Hashable, CustomStringConvertible {
    /// The metric values as written in the vector, keyed by abbreviation (`AV`, `AC`, `Au`, `C`, `I`, `A`, ...).
    public let metrics: [String: String]

    public var version: String { "2.0" }

    /// Parses a v2 vector. Surrounding whitespace, enclosing parentheses and a `CVSS2#` or `CVSS:2.0/` prefix
    /// (seen in some advisories; v2 itself defines none) are accepted.
    public init(parsing string: String) throws(CVSSError) {
        var body = Substring(string.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !body.isEmpty else { throw .empty }
        if body.hasPrefix("("), body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        if body.hasPrefix("CVSS2#") {
            body = body.dropFirst("CVSS2#".count)
        } else if body.hasPrefix("CVSS:2.0/") {
            body = body.dropFirst("CVSS:2.0/".count)
        }
        guard !body.hasPrefix("CVSS:") else { throw .wrongPrefix(string) }
        metrics = try Self.schema.parse(body)
    }

    /// The vector in the guide's metric order without parentheses, leaving out metrics that are `ND`.
    public var vectorString: String { Self.schema.canonicalBody(metrics) }

    public var description: String { vectorString }

    /// The value of a metric given in the vector (`nil` when absent).
    public subscript(metric: String) -> String? { metrics[metric] }

    // MARK: Scores

    /// Impact = 10.41 × (1 − (1 − C) × (1 − I) × (1 − A)), unrounded.
    public var impactSubscore: Double {
        10.41 * (1 - (1 - weight("C")) * (1 - weight("I")) * (1 - weight("A")))
    }

    /// Exploitability = 20 × AV × AC × Au, unrounded.
    public var exploitabilitySubscore: Double {
        20 * weight("AV") * weight("AC") * weight("Au")
    }

    /// The base score, 0.0–10.0.
    public var baseScore: Double {
        max(0, Self.baseEquation(impact: impactSubscore, exploitability: exploitabilitySubscore))
    }

    /// NVD's v2 rating of the base score (low, medium or high).
    public var severity: CVSSSeverity { CVSSSeverity(v2Score: baseScore) }

    /// The temporal score, or `nil` when the vector defines no temporal metric.
    public var temporalScore: Double? {
        guard Self.schema.anyDefined(Self.temporalMetrics, in: metrics) else { return nil }
        return max(0, temporal(base: baseScore))
    }

    /// The environmental score, or `nil` when the vector defines no environmental metric.
    public var environmentalScore: Double? {
        guard Self.schema.anyDefined(Self.environmentalMetrics, in: metrics) else { return nil }
        let adjustedImpact = min(10, 10.41 * (1
            - (1 - weight("C") * weight("CR"))
            * (1 - weight("I") * weight("IR"))
            * (1 - weight("A") * weight("AR"))))
        let adjustedBase = Self.baseEquation(impact: adjustedImpact, exploitability: exploitabilitySubscore)
        let adjustedTemporal = temporal(base: adjustedBase)
        return max(0, Self.round1((adjustedTemporal + (10 - adjustedTemporal) * weight("CDP")) * weight("TD")))
    }

    private func temporal(base: Double) -> Double {
        Self.round1(base * weight("E") * weight("RL") * weight("RC"))
    }

    /// The guide's base equation, unclamped: with an adjusted impact (low security requirements) it can be
    /// slightly negative, and the guide carries that value on into the environmental score.
    private static func baseEquation(impact: Double, exploitability: Double) -> Double {
        let f = impact == 0 ? 0 : 1.176
        return round1((0.6 * impact + 0.4 * exploitability - 1.5) * f)
    }

    /// Rounds half up to one decimal. The scaled value is first snapped to 1e-6 so that results such as
    /// 4.35 computed as 4.3499999999 round as the guide's exact arithmetic would.
    static func round1(_ value: Double) -> Double {
        let scaled = ((value * 10) * 1_000_000).rounded() / 1_000_000
        return scaled.rounded(.toNearestOrAwayFromZero) / 10
    }

    /// The numeric weight of a metric's value; undefined optional metrics weigh as "ND".
    func weight(_ metric: String) -> Double {
        let value = metrics[metric] ?? "ND"
        switch (metric, value) {
        case ("AV", "L"): return 0.395
        case ("AV", "A"): return 0.646
        case ("AV", "N"): return 1.0
        case ("AC", "H"): return 0.35
        case ("AC", "M"): return 0.61
        case ("AC", "L"): return 0.71
        case ("Au", "M"): return 0.45
        case ("Au", "S"): return 0.56
        case ("Au", "N"): return 0.704
        case ("C", "N"), ("I", "N"), ("A", "N"): return 0.0
        case ("C", "P"), ("I", "P"), ("A", "P"): return 0.275
        case ("C", "C"), ("I", "C"), ("A", "C"): return 0.660
        case ("E", "U"): return 0.85
        case ("E", "POC"): return 0.9
        case ("E", "F"): return 0.95
        case ("RL", "OF"): return 0.87
        case ("RL", "TF"): return 0.90
        case ("RL", "W"): return 0.95
        case ("RC", "UC"): return 0.90
        case ("RC", "UR"): return 0.95
        case ("CDP", "N"), ("CDP", "ND"): return 0.0
        case ("CDP", "L"): return 0.1
        case ("CDP", "LM"): return 0.3
        case ("CDP", "MH"): return 0.4
        case ("CDP", "H"): return 0.5
        case ("TD", "N"): return 0.0
        case ("TD", "L"): return 0.25
        case ("TD", "M"): return 0.75
        case ("CR", "L"), ("IR", "L"), ("AR", "L"): return 0.5
        case ("CR", "H"), ("IR", "H"), ("AR", "H"): return 1.51
        default: return 1.0 // E:H, RL:U, RC:C, TD:H, CR/IR/AR:M and every ND
        }
    }

    static let temporalMetrics = ["E", "RL", "RC"]
    static let environmentalMetrics = ["CDP", "TD", "CR", "IR", "AR"]

    static let schema = CVSSMetricSchema(
        version: "2.0",
        metrics: [
            ("AV", ["L", "A", "N"], true),
            ("AC", ["H", "M", "L"], true),
            ("Au", ["M", "S", "N"], true),
            ("C", ["N", "P", "C"], true),
            ("I", ["N", "P", "C"], true),
            ("A", ["N", "P", "C"], true),
            ("E", ["U", "POC", "F", "H", "ND"], false),
            ("RL", ["OF", "TF", "W", "U", "ND"], false),
            ("RC", ["UC", "UR", "C", "ND"], false),
            ("CDP", ["N", "L", "LM", "MH", "H", "ND"], false),
            ("TD", ["N", "L", "M", "H", "ND"], false),
            ("CR", ["L", "M", "H", "ND"], false),
            ("IR", ["L", "M", "H", "ND"], false),
            ("AR", ["L", "M", "H", "ND"], false),
        ],
        notDefined: "ND"
    )
}
