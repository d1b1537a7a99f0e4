/// CVSS v4.0 scoring (specification section 8), step by step as FIRST's reference calculator computes it, so that
/// every floating-point operation, and therefore every rounding, is the same.
extension CVSSv4 {
    /// The effective value of `metric` in `values`: the modified metric when defined, the worst case
    /// for E (A) and CR/IR/AR (H) when not defined, otherwise the base value.
    static func effective(_ metric: String, in values: [String: String]) -> String {
        let selected = values[metric] ?? "X"
        if metric == "E", selected == "X" { return "A" }
        if metric == "CR" || metric == "IR" || metric == "AR", selected == "X" { return "H" }
        if let modified = values["M" + metric], modified != "X" { return modified }
        return selected
    }

    /// The MacroVector (EQ1 … EQ6) of `values`: the equivalence sets of the specification's section 8.
    static func macroVector(of values: [String: String]) -> String {
        func m(_ metric: String) -> String { effective(metric, in: values) }
        let av = m("AV"), pr = m("PR"), ui = m("UI")
        let eq1 = if av == "N" && pr == "N" && ui == "N" {
            0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            1
        } else {
            2
        }
        let eq2 = m("AC") == "L" && m("AT") == "N" ? 0 : 1
        let vc = m("VC"), vi = m("VI"), va = m("VA")
        let eq3 = if vc == "H" && vi == "H" {
            0
        } else if vc == "H" || vi == "H" || va == "H" {
            1
        } else {
            2
        }
        let eq4 = if m("MSI") == "S" || m("MSA") == "S" {
            0
        } else if m("SC") == "H" || m("SI") == "H" || m("SA") == "H" {
            1
        } else {
            2
        }
        let eq5 = switch m("E") {
        case "A": 0
        case "P": 1
        default: 2 // U
        }
        let eq6 = (m("CR") == "H" && vc == "H") || (m("IR") == "H" && vi == "H") || (m("AR") == "H" && va == "H")
            ? 0 : 1
        return "\(eq1)\(eq2)\(eq3)\(eq4)\(eq5)\(eq6)"
    }

    /// The score of `values` (all metric groups it contains), rounded to one decimal.
    static func score(of values: [String: String]) -> Double {
        func m(_ metric: String) -> String { effective(metric, in: values) }
        // No impact on the vulnerable nor on any subsequent system.
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m($0) == "N" }) { return 0 }

        let macro = macroVector(of: values)
        let eq = macro.map { Int(String($0))! }
        let (eq1, eq2, eq3, eq4, eq5, eq6) = (eq[0], eq[1], eq[2], eq[3], eq[4], eq[5])
        let value = macroVectorScores[macro]!

        func lookup(_ digits: Int...) -> Double? { macroVectorScores[digits.map(String.init).joined()] }

        // 1a. The maximal scoring difference to the next lower MacroVector of each EQ (nil when there is none).
        let scoreEQ1Lower = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6)
        let scoreEQ2Lower = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6)
        let scoreEQ3EQ6Lower: Double? = switch (eq3, eq6) {
        case (1, 1), (0, 1): lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6) // 11 → 21, 01 → 11
        case (1, 0): lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1) // 10 → 11
        case (0, 0): // 00 → 01 or 00 → 10: the higher
            lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1).flatMap { left in
                lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6).map { right in max(left, right) }
            }
        default: lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1) // 21 → 32: does not exist
        }
        let scoreEQ4Lower = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6)
        let scoreEQ5Lower = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6)

        // 1b. The severity distance from the first highest-severity vector of the MacroVector that is not below it.
        var distances: [String: Double] = [:]
        search: for part1 in maxComposedEQ1[eq1] {
            for part2 in maxComposedEQ2[eq2] {
                for part3 in maxComposedEQ3EQ6["\(eq3)\(eq6)"]! {
                    for part4 in maxComposedEQ4[eq4] {
                        let maxVector = part1.merging(part2) { a, _ in a }.merging(part3) { a, _ in a }
                            .merging(part4) { a, _ in a }
                        distances = [:]
                        for (metric, levels) in severityLevels {
                            distances[metric] = levels[m(metric)]! - levels[maxVector[metric]!]!
                        }
                        if distances.values.allSatisfy({ $0 >= 0 }) { break search }
                    }
                }
            }
        }
        func d(_ metric: String) -> Double { distances[metric]! }
        let currentEQ1 = d("AV") + d("PR") + d("UI")
        let currentEQ2 = d("AC") + d("AT")
        let currentEQ3EQ6 = d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR")
        let currentEQ4 = d("SC") + d("SI") + d("SA")

        // 1c-d. Proportion of the distance to the MacroVector's depth, times the maximal scoring difference.
        let step = 0.1
        let maxSeverityEQ1 = Double(maxSeverityEQ1Depths[eq1]) * step
        let maxSeverityEQ2 = Double(maxSeverityEQ2Depths[eq2]) * step
        let maxSeverityEQ3EQ6 = Double(maxSeverityEQ3EQ6Depths["\(eq3)\(eq6)"]!) * step
        let maxSeverityEQ4 = Double(maxSeverityEQ4Depths[eq4]) * step

        var existingLower = 0
        var normalizedEQ1 = 0.0, normalizedEQ2 = 0.0, normalizedEQ3EQ6 = 0.0, normalizedEQ4 = 0.0
        var normalizedEQ5 = 0.0
        if let lower = scoreEQ1Lower {
            existingLower += 1
            normalizedEQ1 = (value - lower) * (currentEQ1 / maxSeverityEQ1)
        }
        if let lower = scoreEQ2Lower {
            existingLower += 1
            normalizedEQ2 = (value - lower) * (currentEQ2 / maxSeverityEQ2)
        }
        if let lower = scoreEQ3EQ6Lower {
            existingLower += 1
            normalizedEQ3EQ6 = (value - lower) * (currentEQ3EQ6 / maxSeverityEQ3EQ6)
        }
        if let lower = scoreEQ4Lower {
            existingLower += 1
            normalizedEQ4 = (value - lower) * (currentEQ4 / maxSeverityEQ4)
        }
        if let lower = scoreEQ5Lower {
            // EQ5 has no depth: its proportion is always 0.
            existingLower += 1
            normalizedEQ5 = (value - lower) * 0
        }

        // 2. The mean of the proportional distances; 3. subtracted from the MacroVector's score.
        let meanDistance = existingLower == 0
            ? 0
            : (normalizedEQ1 + normalizedEQ2 + normalizedEQ3EQ6 + normalizedEQ4 + normalizedEQ5) / Double(existingLower)
        let clamped = max(0, min(10, value - meanDistance))
        return ((clamped + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    // MARK: Data of the reference calculator (max_composed.js, max_severity.js, METRIC_LEVELS)

    /// The severity level of each value of the metrics that enter the distance; E is left out (its distance is always 0).
    private static let severityLevels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3],
        "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1],
        "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    /// The highest-severity vectors of each EQ level, in the reference calculator's order.
    private static let maxComposedEQ1: [[[String: String]]] = [
        [["AV": "N", "PR": "N", "UI": "N"]],
        [["AV": "A", "PR": "N", "UI": "N"], ["AV": "N", "PR": "L", "UI": "N"], ["AV": "N", "PR": "N", "UI": "P"]],
        [["AV": "P", "PR": "N", "UI": "N"], ["AV": "A", "PR": "L", "UI": "P"]],
    ]
    private static let maxComposedEQ2: [[[String: String]]] = [
        [["AC": "L", "AT": "N"]],
        [["AC": "H", "AT": "N"], ["AC": "L", "AT": "P"]],
    ]
    /// Keyed by EQ3 then EQ6.
    private static let maxComposedEQ3EQ6: [String: [[String: String]]] = [
        "00": [["VC": "H", "VI": "H", "VA": "H", "CR": "H", "IR": "H", "AR": "H"]],
        "01": [
            ["VC": "H", "VI": "H", "VA": "L", "CR": "M", "IR": "M", "AR": "H"],
            ["VC": "H", "VI": "H", "VA": "H", "CR": "M", "IR": "M", "AR": "M"],
        ],
        "10": [
            ["VC": "L", "VI": "H", "VA": "H", "CR": "H", "IR": "H", "AR": "H"],
            ["VC": "H", "VI": "L", "VA": "H", "CR": "H", "IR": "H", "AR": "H"],
        ],
        "11": [
            ["VC": "L", "VI": "H", "VA": "L", "CR": "H", "IR": "M", "AR": "H"],
            ["VC": "L", "VI": "H", "VA": "H", "CR": "H", "IR": "M", "AR": "M"],
            ["VC": "H", "VI": "L", "VA": "H", "CR": "M", "IR": "H", "AR": "M"],
            ["VC": "H", "VI": "L", "VA": "L", "CR": "M", "IR": "H", "AR": "H"],
            ["VC": "L", "VI": "L", "VA": "H", "CR": "H", "IR": "H", "AR": "M"],
        ],
        "21": [["VC": "L", "VI": "L", "VA": "L", "CR": "H", "IR": "H", "AR": "H"]],
    ]
    private static let maxComposedEQ4: [[[String: String]]] = [
        [["SC": "H", "SI": "S", "SA": "S"]],
        [["SC": "H", "SI": "H", "SA": "H"]],
        [["SC": "L", "SI": "L", "SA": "L"]],
    ]

    /// The depth of each EQ level in severity steps (+1), from the reference calculator's `max_severity`.
    private static let maxSeverityEQ1Depths = [1, 4, 5]
    private static let maxSeverityEQ2Depths = [1, 2]
    private static let maxSeverityEQ3EQ6Depths = ["00": 7, "01": 6, "10": 8, "11": 8, "21": 10]
    private static let maxSeverityEQ4Depths = [6, 5, 4]
}
