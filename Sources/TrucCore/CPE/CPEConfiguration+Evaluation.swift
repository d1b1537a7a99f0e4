import Foundation

extension CPEConfiguration {
    /// Evaluates the configuration against all CPE names of one asset (e.g. its firmware and its hardware).
    ///
    /// Each criterion is matched against every asset name (best verdict wins); nodes combine verdicts with
    /// three-valued AND/OR/NOT (`MatchVerdict`). Only `vulnerable: true` criteria produce hits; `vulnerable: false`
    /// criteria (platforms) only help AND conditions hold. Returns `nil` when the configuration does not hold
    /// or holds without any vulnerable hit.
    public func evaluate(assetCPEs: [CPEName]) -> Match? {
        evaluate(targets: assetCPEs.map(CPETarget.init))
    }

    /// `evaluate(assetCPEs:)` with names prepared once (use this when checking many configurations).
    public func evaluate(targets: [CPETarget]) -> Match? {
        var hits: [Hit] = []
        var checks: [String] = []
        var verdict = Self.combine(`operator`, count: nodes.count) { index in
            Self.evaluate(nodes[index], targets, &hits, &checks, inAnd: `operator` == .and)
        }
        if negate {
            verdict = verdict.negated
            hits.removeAll()
            checks.removeAll()
        }
        guard var match = Self.match(verdict, hits) else { return nil }
        // Open platforms matter only when the match is possible only (not when another branch holds for certain).
        match.platformChecks = match.verdict == .match ? [] : checks
        return match
    }

    /// The outcome over several configurations of one CVE: the best verdict, and the hits of every configuration
    /// that applies.
    public static func evaluate(_ configurations: [CPEConfiguration], targets: [CPETarget]) -> Match? {
        var result: Match?
        for configuration in configurations {
            guard let match = configuration.evaluate(targets: targets) else { continue }
            if var merged = result {
                merged.verdict = merged.verdict.or(match.verdict)
                merged.hits.append(contentsOf: match.hits)
                for check in match.platformChecks where !merged.platformChecks.contains(check) { merged.platformChecks.append(check) }
                if merged.verdict == .match { merged.platformChecks = [] }
                result = merged
            } else {
                result = match
            }
        }
        return result
    }

    private static func match(_ verdict: MatchVerdict, _ hits: [Hit]) -> Match? {
        guard verdict != .noMatch, !hits.isEmpty else { return nil }
        let certain = verdict == .match && hits.contains { $0.verdict == .match }
        return Match(verdict: certain ? .match : .unknown, hits: hits)
    }

    /// Combines `count` verdicts with `op`, stopping early once an AND has failed.
    private static func combine(_ op: Operator, count: Int, _ verdictAt: (Int) -> MatchVerdict) -> MatchVerdict {
        guard count > 0 else { return .noMatch }
        var result: MatchVerdict = op == .and ? .match : .noMatch
        for index in 0..<count {
            let verdict = verdictAt(index)
            result = op == .and ? result.and(verdict) : result.or(verdict)
            if op == .and, result == .noMatch { break }
        }
        return result
    }

    /// A node's verdict; appends the vulnerable hits of the branches that hold to `hits`. `inAnd`: the node is an
    /// operand of an AND, where a platform node (only `vulnerable: false` criteria) that names no product of the
    /// asset's names is open (`.unknown`) rather than failed, and its text goes to `checks`.
    private static func evaluate(_ node: Node, _ targets: [CPETarget], _ hits: inout [Hit], _ checks: inout [String],
                                 inAnd: Bool) -> MatchVerdict {
        if inAnd, node.isPlatform, !targets.contains(where: { target in node.criteria.contains { decides($0, target) } }) {
            let text = node.criteria.map(platformText).joined(separator: " / ")
            if !checks.contains(text) { checks.append(text) }
            return .unknown
        }
        let mark = hits.count
        let checksMark = checks.count
        let criteriaCount = node.criteria.count
        var verdict = combine(node.operator, count: criteriaCount + node.children.count) { index in
            if index < criteriaCount {
                let criterion = node.criteria[index]
                var best = MatchVerdict.noMatch
                var bestAsset: CPEName?
                for target in targets {
                    let verdict = criterion.evaluate(target)
                    if verdict > best {
                        best = verdict
                        bestAsset = target.name
                        if verdict == .match { break }
                    }
                }
                if criterion.vulnerable, let bestAsset {
                    hits.append(Hit(criterion: criterion, asset: bestAsset, verdict: best))
                }
                return best
            }
            let childMark = hits.count
            let checkMark = checks.count
            let verdict = evaluate(node.children[index - criteriaCount], targets, &hits, &checks, inAnd: node.operator == .and)
            if verdict == .noMatch { checks.removeSubrange(checkMark...) }
            if verdict == .noMatch { hits.removeSubrange(childMark...) }
            return verdict
        }
        if node.negate {
            verdict = verdict.negated
            hits.removeSubrange(mark...)
            checks.removeSubrange(checksMark...)
        } else if verdict == .noMatch {
            hits.removeSubrange(mark...)
            checks.removeSubrange(checksMark...)
        }
        return verdict
    }

    /// Whether the asset name is of the criterion's product (vendor and product not disjoint), whatever its version.
    static func names(_ criterion: CPEMatchCriterion, _ target: CPETarget) -> Bool {
        CPEMatcher.compare(criterion.criteria.product, target.name.product) != .disjoint
            && CPEMatcher.compare(criterion.criteria.vendor, target.name.vendor) != .disjoint
    }

    /// Whether the asset name settles a platform criterion: it is of the criterion's product (in or out of its
    /// range), or the criterion is a hardware model or an operating system and the name is one too (the asset's
    /// hardware or system is known, and it is another). An application platform (a JDK, a runtime) is settled only
    /// by its own product: listing Spring does not say which JDK runs it.
    static func decides(_ criterion: CPEMatchCriterion, _ target: CPETarget) -> Bool {
        if names(criterion, target) { return true }
        let part = criterion.criteria.part
        guard part == CPEPart.hardware.attribute || part == CPEPart.operatingSystem.attribute else { return false }
        return target.name.part == part
    }

    /// A platform criterion for people: its product and range, e.g. "jdk ≥ 9", "windows 10 1607".
    static func platformText(_ criterion: CPEMatchCriterion) -> String {
        let name = criterion.criteria
        var parts = [(name.product.unescaped ?? "*").replacingOccurrences(of: "_", with: " ")]
        if let version = name.version.unescaped, version != "*", version != "-" { parts.append(version) }
        if let range = criterion.range {
            switch range.start {
            case .including(let version): parts.append("≥ \(version.text)")
            case .excluding(let version): parts.append("> \(version.text)")
            case nil: break
            }
            switch range.end {
            case .including(let version): parts.append("≤ \(version.text)")
            case .excluding(let version): parts.append("< \(version.text)")
            case nil: break
            }
        }
        return parts.joined(separator: " ")
    }
}

extension CPEConfiguration.Node {
    /// A node of platform criteria only (`vulnerable: false`, no children, not negated): what an AND requires the
    /// vulnerable product to run on.
    var isPlatform: Bool {
        !negate && children.isEmpty && !criteria.isEmpty && criteria.allSatisfy { !$0.vulnerable }
    }
}
