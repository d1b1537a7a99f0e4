import Foundation

/// A CVSS version 3.0 or 3.1 vector, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`, with the eight base metrics
/// and optionally temporal (E, RL, RC) and environmental (CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA) metrics.
///
/// Scores follow the FIRST CVSS v3.0 and v3.1 specification documents (section 7): v3.1 rounds with the
/// floating-point-safe `Roundup` of its Appendix A; v3.0 with the plain "round up to one decimal" of its
/// specification and reference calculator (`ceil(x × 10) / 10`).
public struct CVSSv3: Sendable, Hashable, CustomStringConvertible {
    /// "3.0" or "3.1".
    public let version: String
    /// The metric values as written in the vector, keyed by abbreviation.
    public let metrics: [String: String]

    /// Parses `CVSS:3.0/...` or `CVSS:3.1/...`; metrics may come in any order. Surrounding whitespace is ignored.
    public init(parsing string: String) throws(CVSSError) {
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let version: String
        if trimmed.hasPrefix("CVSS:3.1/") {
            version = "3.1"
        } else if trimmed.hasPrefix("CVSS:3.0/") {
            version = "3.0"
        } else if trimmed.hasPrefix("CVSS:3.") {
            throw .unsupportedVersion(String(trimmed.prefix(while: { $0 != "/" })))
        } else {
            throw .wrongPrefix(string)
        }
        self.version = version
        metrics = try Self.schema(version).parse(trimmed.dropFirst("CVSS:3.x/".count))
    }

    /// The vector with its prefix and its metrics in the specification's order, leaving out metrics that are `X`.
    public var vectorString: String { "CVSS:\(version)/" + Self.schema(version).canonicalBody(metrics) }

    public var description: String { vectorString }

    /// The value of a metric given in the vector (`nil` when absent).
    public subscript(metric: String) -> String? { metrics[metric] }

    private var scopeChanged: Bool { metrics["S"] == "C" }

    // MARK: Base

    /// The Impact Sub-Score (ISS) = 1 − (1 − C) × (1 − I) × (1 − A).
    public var impactSubScore: Double {
        1 - ((1 - ciaWeight(metrics["C"])) * (1 - ciaWeight(metrics["I"])) * (1 - ciaWeight(metrics["A"])))
    }

    /// The base Impact, unrounded (may be negative for a changed scope with little impact).
    public var impact: Double {
        let iss = impactSubScore
        return scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
    }

    /// The base Exploitability = 8.22 × AV × AC × PR × UI, unrounded.
    public var exploitability: Double {
        8.22 * avWeight(metrics["AV"]) * acWeight(metrics["AC"])
            * prWeight(metrics["PR"], scopeChanged: scopeChanged) * uiWeight(metrics["UI"])
    }

    /// The base score, 0.0–10.0.
    public var baseScore: Double {
        let impact = impact
        guard impact > 0 else { return 0 }
        return roundUp(min(scopeChanged ? 1.08 * (impact + exploitability) : impact + exploitability, 10))
    }

    /// The qualitative rating of the base score.
    public var severity: CVSSSeverity { CVSSSeverity(score: baseScore) }

    // MARK: Temporal and environmental

    /// The temporal score, or `nil` when the vector defines no temporal metric.
    public var temporalScore: Double? {
        guard Self.schema(version).anyDefined(Self.temporalMetrics, in: metrics) else { return nil }
        return roundUp(baseScore * temporalFactor)
    }

    /// The environmental score, or `nil` when the vector defines no environmental metric.
    public var environmentalScore: Double? {
        guard Self.schema(version).anyDefined(Self.environmentalMetrics, in: metrics) else { return nil }
        let modifiedScopeChanged = modified("S") == "C"
        let miss = min(1 - ((1 - requirementWeight("CR") * ciaWeight(modified("C")))
            * (1 - requirementWeight("IR") * ciaWeight(modified("I")))
            * (1 - requirementWeight("AR") * ciaWeight(modified("A")))), 0.915)
        let modifiedImpact: Double
        if !modifiedScopeChanged {
            modifiedImpact = 6.42 * miss
        } else if version == "3.0" {
            modifiedImpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15)
        } else {
            modifiedImpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13)
        }
        guard modifiedImpact > 0 else { return 0 }
        let modifiedExploitability = 8.22 * avWeight(modified("AV")) * acWeight(modified("AC"))
            * prWeight(modified("PR"), scopeChanged: modifiedScopeChanged) * uiWeight(modified("UI"))
        let sum = modifiedImpact + modifiedExploitability
        let capped = roundUp(min(modifiedScopeChanged ? 1.08 * sum : sum, 10))
        return roundUp(capped * temporalFactor)
    }

    /// E × RL × RC.
    private var temporalFactor: Double {
        let e: Double = switch metrics["E"] {
        case "U": 0.91
        case "P": 0.94
        case "F": 0.97
        default: 1
        }
        let rl: Double = switch metrics["RL"] {
        case "O": 0.95
        case "T": 0.96
        case "W": 0.97
        default: 1
        }
        let rc: Double = switch metrics["RC"] {
        case "U": 0.92
        case "R": 0.96
        default: 1
        }
        return e * rl * rc
    }

    /// The value of modified metric `M<base>`, or of the base metric when the modified one is absent or `X`.
    private func modified(_ base: String) -> String? {
        if let value = metrics["M" + base], value != "X" { return value }
        return metrics[base]
    }

    /// The version's rounding: Appendix A `Roundup` for 3.1, `ceil(x × 10) / 10` for 3.0.
    func roundUp(_ value: Double) -> Double {
        version == "3.0" ? Self.roundUp30(value) : Self.roundUp31(value)
    }

    /// CVSS v3.1 Appendix A: the smallest number, to one decimal place, equal to or higher than its input,
    /// computed on the input rounded to five decimal places to avoid floating-point artefacts.
    public static func roundUp31(_ value: Double) -> Double {
        let integer = Int((value * 100_000).rounded())
        if integer % 10_000 == 0 { return Double(integer) / 100_000 }
        return Double(integer / 10_000 + 1) / 10
    }

    /// CVSS v3.0's "round up to one decimal place", as its reference calculator computes it.
    public static func roundUp30(_ value: Double) -> Double {
        (value * 10).rounded(.up) / 10
    }

    // MARK: Weights

    private func avWeight(_ value: String?) -> Double {
        switch value {
        case "N": 0.85
        case "A": 0.62
        case "L": 0.55
        default: 0.2 // P
        }
    }

    private func acWeight(_ value: String?) -> Double { value == "H" ? 0.44 : 0.77 }

    private func prWeight(_ value: String?, scopeChanged: Bool) -> Double {
        switch value {
        case "N": 0.85
        case "L": scopeChanged ? 0.68 : 0.62
        default: scopeChanged ? 0.5 : 0.27 // H
        }
    }

    private func uiWeight(_ value: String?) -> Double { value == "R" ? 0.62 : 0.85 }

    private func ciaWeight(_ value: String?) -> Double {
        switch value {
        case "H": 0.56
        case "L": 0.22
        default: 0 // N
        }
    }

    private func requirementWeight(_ metric: String) -> Double {
        switch metrics[metric] {
        case "L": 0.5
        case "H": 1.5
        default: 1 // M, X, absent
        }
    }

    // MARK: Schema

    static let temporalMetrics = ["E", "RL", "RC"]
    static let environmentalMetrics = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"]

    static func schema(_ version: String) -> CVSSMetricSchema { version == "3.0" ? schema30 : schema31 }

    private static let definitions: [(key: String, values: [String], mandatory: Bool)] = [
        ("AV", ["N", "A", "L", "P"], true),
        ("AC", ["L", "H"], true),
        ("PR", ["N", "L", "H"], true),
        ("UI", ["N", "R"], true),
        ("S", ["U", "C"], true),
        ("C", ["H", "L", "N"], true),
        ("I", ["H", "L", "N"], true),
        ("A", ["H", "L", "N"], true),
        ("E", ["X", "H", "F", "P", "U"], false),
        ("RL", ["X", "U", "W", "T", "O"], false),
        ("RC", ["X", "C", "R", "U"], false),
        ("CR", ["X", "H", "M", "L"], false),
        ("IR", ["X", "H", "M", "L"], false),
        ("AR", ["X", "H", "M", "L"], false),
        ("MAV", ["X", "N", "A", "L", "P"], false),
        ("MAC", ["X", "L", "H"], false),
        ("MPR", ["X", "N", "L", "H"], false),
        ("MUI", ["X", "N", "R"], false),
        ("MS", ["X", "U", "C"], false),
        ("MC", ["X", "H", "L", "N"], false),
        ("MI", ["X", "H", "L", "N"], false),
        ("MA", ["X", "H", "L", "N"], false),
    ]

    private static let schema30 = CVSSMetricSchema(version: "3.0", metrics: definitions, notDefined: "X")
    private static let schema31 = CVSSMetricSchema(version: "3.1", metrics: definitions, notDefined: "X")
}
